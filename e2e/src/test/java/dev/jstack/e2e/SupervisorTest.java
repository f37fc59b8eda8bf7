package dev.jstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@Scenario
@DisplayName("up -d leaves one supervisor that brings web back and keeps client connected; down ends it")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SupervisorTest {
    @RegisterExtension
    static final Jstack.Up JSTACK = new Jstack.Up("supervised");

    private static String fetchFromClient() {
        return Eventually.await("web's server from client", Duration.ofSeconds(30),
                () -> JSTACK.run("exec", "client", "python3", "-c",
                        "import urllib.request; print(urllib.request.urlopen('http://127.0.0.1:8080/').read()"
                                + ".decode().strip())"),
                r -> r.exitCode() == 0).out().trim();
    }

    private static JsonNode psRow(String service) throws Exception {
        JsonNode rows = new ObjectMapper().readTree(JSTACK.run("ps", "--format", "json").expectOk().out());
        for (JsonNode row : rows) {
            if (row.path("service").asText().equals(service)) return row;
        }
        throw new AssertionError("no row for " + service + " in " + rows);
    }

    @Test
    @Order(1)
    @DisplayName("one supervisor, the parent of every container it created")
    void oneSupervisorReapsItsContainers() throws Exception {
        int supervisor = Supervision.pidFile(JSTACK);
        assertEquals(List.of(supervisor), Supervision.processes(JSTACK));
        assertEquals(supervisor, Supervision.parent(Kernel.pid(JSTACK.container("web"))));
        assertEquals(supervisor, Supervision.parent(Kernel.pid(JSTACK.container("client"))));
    }

    @Test
    @Order(2)
    @DisplayName("web killed with SIGKILL comes back in the same pin; client keeps its pid, netns and connection")
    void ownerKilledIsRestarted() throws Exception {
        String pin = Kernel.netnsOfFile(Path.of("/run/netns", JSTACK.pin("web")));
        int client = Kernel.pid(JSTACK.container("client"));
        int web = Kernel.pid(JSTACK.container("web"));
        String before = fetchFromClient();

        Shell.run("kill", "-KILL", String.valueOf(web)).expectOk();
        int newWeb = Eventually.await("web to be restarted", Duration.ofSeconds(20),
                () -> Kernel.pid(JSTACK.container("web")), pid -> pid > 0 && pid != web);

        assertNotEquals(web, newWeb);
        assertEquals(client, Kernel.pid(JSTACK.container("client")), "client is untouched");
        assertEquals(pin, Kernel.netnsOfFile(Path.of("/run/netns", JSTACK.pin("web"))), "the pin is the same");
        assertEquals(pin, Kernel.namespace(newWeb, "net"));
        assertEquals(pin, Kernel.namespace(client, "net"));
        String after = Eventually.await("the new web's answer", Duration.ofSeconds(30),
                SupervisorTest::fetchFromClient, answer -> !answer.equals(before));
        assertNotEquals(before, after, "client now talks to the new web over the same loopback");
        assertEquals(1, psRow("web").path("restarts").asInt());
    }

    @Test
    @Order(3)
    @DisplayName("client deleted by hand (runc delete -f) comes back in web's namespace")
    void deletedByHandComesBack() throws Exception {
        String pin = Kernel.netnsOfFile(Path.of("/run/netns", JSTACK.pin("web")));
        int client = Kernel.pid(JSTACK.container("client"));
        Shell.run("runc", "delete", "-f", JSTACK.container("client")).expectOk();
        int newClient = Eventually.await("client to come back", Duration.ofSeconds(20),
                () -> Kernel.pid(JSTACK.container("client")), pid -> pid > 0 && pid != client);
        assertEquals(pin, Kernel.namespace(newClient, "net"));
        JsonNode row = psRow("client");
        assertEquals("running", row.path("state").asText());
        assertEquals(1, row.path("restarts").asInt());
    }

    @Test
    @Order(4)
    @DisplayName("the supervisor killed with SIGKILL: ps starts a new one, which adopts the same containers")
    void killedSupervisorIsReplacedByTheNextCommand() throws Exception {
        int old = Supervision.pidFile(JSTACK);
        int web = Kernel.pid(JSTACK.container("web"));
        int client = Kernel.pid(JSTACK.container("client"));
        Shell.run("kill", "-KILL", String.valueOf(old)).expectOk();
        Eventually.await("the old supervisor to die", Duration.ofSeconds(10), () -> Kernel.processAlive(old),
                alive -> !alive);

        Shell.Result ps = JSTACK.run("ps").expectOk();
        assertTrue(ps.err().contains("starting a new one"), ps.err());
        int fresh = Supervision.pidFile(JSTACK);
        assertNotEquals(old, fresh);
        assertEquals(List.of(fresh), Supervision.processes(JSTACK));
        assertEquals(web, Kernel.pid(JSTACK.container("web")), "adopted, not recreated");
        assertEquals(client, Kernel.pid(JSTACK.container("client")));
        assertTrue(ps.out().contains("RESTARTS"), ps.out());

        // An adopted container is watched too: killed, it comes back.
        Shell.run("kill", "-KILL", String.valueOf(web)).expectOk();
        Eventually.await("the adopted web to be restarted", Duration.ofSeconds(20),
                () -> Kernel.pid(JSTACK.container("web")), pid -> pid > 0 && pid != web);
        assertEquals(client, Kernel.pid(JSTACK.container("client")));
    }

    @Test
    @Order(5)
    @DisplayName("down stops the supervisor first: no supervisor process and nothing of the project is left")
    void downLeavesNoSupervisor() throws Exception {
        JSTACK.down();
        assertEquals(List.of(), Supervision.processes(JSTACK));
        assertEquals(List.of(), Kernel.runcContainers(JSTACK.project() + "-"));
        assertTrue(!java.nio.file.Files.exists(Path.of("/run/jstack", JSTACK.project())));
    }
}
