package dev.jstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Scenario
@DisplayName("up must keep client connected when web, the owner of its namespace, dies and is recreated")
class OwnerRestartTest {
    @RegisterExtension
    static final Jstack.Up JSTACK = new Jstack.Up("ownerrestart");

    private static String fetchFromClient() {
        return Eventually.await("web's server from client", Duration.ofSeconds(30),
                () -> JSTACK.run("exec", "client", "python3", "-c",
                        "import urllib.request; print(urllib.request.urlopen('http://127.0.0.1:8080/').read()"
                                + ".decode().strip())"),
                r -> r.exitCode() == 0).out().trim();
    }

    @Test
    @DisplayName("after web is killed, up recreates only web, in the same pin; client keeps its process and netns")
    void joinerSurvivesOwnerRestart() {
        String pin = Kernel.netnsOfFile(Path.of("/run/netns", JSTACK.pin("web")));
        int client = Kernel.pid(JSTACK.container("client"));
        int web = Kernel.pid(JSTACK.container("web"));
        String before = fetchFromClient();

        Shell.run("runc", "kill", JSTACK.container("web"), "KILL").expectOk();
        Eventually.await("web to die", Duration.ofSeconds(10), () -> Kernel.status(JSTACK.container("web")),
                s -> s.equals("stopped"));
        Shell.Result again = JSTACK.run("up", "-d").expectOk();

        assertTrue(again.err().contains(JSTACK.container("web") + "  Started"), again.err());
        assertTrue(!again.err().contains(JSTACK.container("client")), "client is not touched: " + again.err());
        assertEquals(client, Kernel.pid(JSTACK.container("client")));
        int newWeb = Kernel.pid(JSTACK.container("web"));
        assertNotEquals(web, newWeb);
        assertEquals(pin, Kernel.netnsOfFile(Path.of("/run/netns", JSTACK.pin("web"))), "the pin is the same");
        assertEquals(pin, Kernel.namespace(newWeb, "net"));
        assertEquals(pin, Kernel.namespace(client, "net"));
        String after = Eventually.await("the new web's answer", Duration.ofSeconds(30),
                OwnerRestartTest::fetchFromClient, answer -> !answer.equals(before));
        assertNotEquals(before, after, "client now talks to the new web over the same loopback");
    }
}
