package dev.jstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Scenario
@DisplayName("service:X: client shares web's network namespace and nothing else")
class ContainerModeTest {
    @RegisterExtension
    static final Jstack.Up JSTACK = new Jstack.Up("container");

    @Test
    @DisplayName("client's /proc/PID/ns/net is web's, which is web's pin")
    void sameNetworkNamespace() {
        String web = Kernel.namespace(Kernel.pid(JSTACK.container("web")), "net");
        assertEquals(web, Kernel.namespace(Kernel.pid(JSTACK.container("client")), "net"));
        assertEquals(Kernel.netnsOfFile(Path.of("/run/netns", JSTACK.pin("web"))), web);
        assertFalse(Kernel.netnsNames().contains(JSTACK.pin("client")), "a joiner has no pin of its own");
    }

    @Test
    @DisplayName("client reaches web's server on 127.0.0.1:8080")
    void reachesTheOwnersLoopbackServer() {
        Shell.Result fetch = Eventually.await("web's server from client", Duration.ofSeconds(30),
                () -> JSTACK.run("exec", "client", "python3", "-c",
                        "import urllib.request; print(urllib.request.urlopen('http://127.0.0.1:8080/secret').read()"
                                + ".decode().strip())"),
                r -> r.exitCode() == 0);
        assertEquals("secret", fetch.out().trim());
    }

    @Test
    @DisplayName("client has its own PID and mount namespaces; a file web writes to /tmp is not visible to it")
    void ownProcessesAndFiles() {
        int web = Kernel.pid(JSTACK.container("web"));
        int client = Kernel.pid(JSTACK.container("client"));
        assertNotEquals(Kernel.namespace(web, "pid"), Kernel.namespace(client, "pid"));
        assertNotEquals(Kernel.namespace(web, "mnt"), Kernel.namespace(client, "mnt"));
        Eventually.await("web's /tmp/secret", Duration.ofSeconds(30),
                () -> JSTACK.run("exec", "web", "test", "-f", "/tmp/secret").exitCode(), code -> code == 0);
        assertEquals(1, JSTACK.run("exec", "client", "test", "-e", "/tmp/secret").exitCode(),
                "exec passes test's exit code 1 through: the file is not in client's /tmp");
    }

    @Test
    @DisplayName("joiners share the owner's hostname and /etc/hosts")
    void sharesOwnersNames() {
        assertEquals("web", JSTACK.run("exec", "client", "cat", "/etc/hostname").expectOk().out().trim());
        assertEquals("web", JSTACK.run("exec", "client", "hostname").expectOk().out().trim());
        assertEquals(JSTACK.run("exec", "web", "cat", "/etc/hosts").expectOk().out(),
                JSTACK.run("exec", "client", "cat", "/etc/hosts").expectOk().out());
    }

    @Test
    @DisplayName("a second up with the same file changes nothing: the same processes keep running")
    void secondUpChangesNothing() {
        int web = Kernel.pid(JSTACK.container("web"));
        int client = Kernel.pid(JSTACK.container("client"));
        Shell.Result again = JSTACK.run("up", "-d").expectOk();
        assertFalse(again.err().contains("Created"), again.err());
        assertEquals(web, Kernel.pid(JSTACK.container("web")));
        assertEquals(client, Kernel.pid(JSTACK.container("client")));
    }

    @Test
    @DisplayName("ps --format json reports what runc runs, with both services in web's pin")
    void psAsJson() throws Exception {
        JsonNode rows = new ObjectMapper().readTree(JSTACK.run("ps", "--format", "json").expectOk().out());
        assertEquals(2, rows.size(), rows::toString);
        for (JsonNode row : rows) {
            String service = row.path("service").asText();
            assertEquals(JSTACK.container(service), row.path("container").asText());
            assertEquals("running", row.path("state").asText());
            assertEquals(Kernel.pid(JSTACK.container(service)), row.path("pid").asInt());
            assertEquals("/run/netns/" + JSTACK.pin("web"), row.path("netns").asText());
        }
    }

    @Test
    @DisplayName("logs prints each service's output with a `service |` prefix")
    void logsArePrefixed() {
        Shell.Result logs = Eventually.await("web's output in its log", Duration.ofSeconds(30),
                () -> JSTACK.run("logs", "web"), r -> r.out().contains("ready"));
        assertTrue(logs.out().lines().anyMatch(l -> l.matches("web\\s*\\| ready")), logs.out());
        assertEquals("", JSTACK.run("logs", "--tail", "0").expectOk().out());
    }
}
