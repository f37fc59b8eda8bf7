package dev.jstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Scenario
@DisplayName("host: the service is in the host's network namespace, sees its interfaces and listens on its ports")
class HostModeTest {
    @RegisterExtension
    static final Jstack.Up JSTACK = new Jstack.Up("host");

    @Test
    @DisplayName("the container's /proc/PID/ns/net is the host's")
    void sameNamespaceAsHost() {
        int pid = Kernel.pid(JSTACK.container("web"));
        assertEquals(Kernel.hostNetns(), Kernel.namespace(pid, "net"));
    }

    @Test
    @DisplayName("ip -o link inside (through exec) lists the host's interfaces")
    void seesHostInterfaces() {
        String inside = JSTACK.run("exec", "web", "ip", "-o", "link").expectOk().out();
        String host = Shell.run("ip", "-o", "link").expectOk().out();
        assertEquals(Kernel.interfaceNames(host), Kernel.interfaceNames(inside));
    }

    @Test
    @DisplayName("its server on 127.0.0.1:38471 answers the host")
    void bindsAHostPort() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        int status = Eventually.await("the host-mode server on 127.0.0.1:38471", Duration.ofSeconds(30), () -> {
            try {
                return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:38471/")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }, code -> code == 200);
        assertEquals(200, status);
    }

    @Test
    @DisplayName("its PID, mount and UTS namespaces are its own")
    void otherNamespacesArePrivate() {
        int pid = Kernel.pid(JSTACK.container("web"));
        int self = (int) ProcessHandle.current().pid();
        for (String kind : new String[] {"pid", "mnt", "uts", "ipc", "cgroup"}) {
            org.junit.jupiter.api.Assertions.assertNotEquals(Kernel.namespace(self, kind),
                    Kernel.namespace(pid, kind), kind);
        }
    }
}
