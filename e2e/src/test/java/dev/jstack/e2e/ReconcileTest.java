package dev.jstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The reconciler on a real host, one stack changed step by step: web owns a pinned namespace and serves on its
 * 127.0.0.1, client joins it, idle runs on the host. Each step rewrites the file and checks pids and namespaces
 * in /proc.
 */
@Scenario
@DisplayName("up changes only what differs from the file, and joiners stay connected through their owner's changes")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReconcileTest {
    private static final Path DIR = Path.of("/tmp/jstack-e2e-reconcile");
    private static final Jstack JSTACK = Jstack.forFile(DIR.resolve("stack.yml"), "e2e-reconcile");
    private static final int PORT = 18931;

    @BeforeAll
    static void up() throws IOException {
        Files.createDirectories(DIR);
        write("none", "one", false);
        JSTACK.run("down", "-t", "1");
        JSTACK.run("up", "-d").expectOk();
    }

    @AfterAll
    static void down() {
        JSTACK.run("down", "-t", "1");
        Shell.run("rm", "-rf", DIR.toString());
    }

    // web serves "<MODE> <start time>" on 127.0.0.1:PORT; client sleeps in web's namespace; idle on the host.
    private static void write(String webMode, String mode, boolean extra) throws IOException {
        String file = """
                services:
                  web:
                    rootfs: host
                    network_mode: %s
                    working_dir: /tmp
                    environment:
                      MODE: %s
                    command: ["sh", "-c", "echo $$MODE-$$(date +%%s%%N) > /tmp/index.html && exec python3 -m http.server %d --bind 127.0.0.1"]
                    stop_grace_period: 1s
                  client:
                    rootfs: host
                    network_mode: service:web
                    command: ["sleep", "infinity"]
                    stop_grace_period: 1s
                  idle:
                    rootfs: host
                    network_mode: host
                    command: ["sleep", "infinity"]
                    stop_grace_period: 1s
                """.formatted(webMode, mode, PORT);
        if (extra) {
            file += "  extra:\n    rootfs: host\n    network_mode: host\n    command: [\"sleep\", \"infinity\"]\n"
                    + "    stop_grace_period: 1s\n";
        }
        Files.writeString(DIR.resolve("stack.yml"), file);
    }

    private static String fetchFromClient() {
        return Eventually.await("web's server from client", Duration.ofSeconds(30),
                () -> JSTACK.run("exec", "client", "python3", "-c", "import urllib.request; print(urllib.request"
                        + ".urlopen('http://127.0.0.1:" + PORT + "/').read().decode().strip())"),
                r -> r.exitCode() == 0).out().trim();
    }

    private static Map<String, Integer> pids() {
        Map<String, Integer> pids = new TreeMap<>();
        for (String s : List.of("web", "client", "idle")) {
            pids.put(s, Kernel.pid(JSTACK.container(s)));
        }
        return pids;
    }

    private static String pin() {
        return Kernel.netnsOfFile(Path.of("/run/netns", JSTACK.pin("web")));
    }

    @Test
    @Order(1)
    @DisplayName("up right after up plans nothing, plan --detailed-exitcode says 0, and no pid changes")
    void upTwiceChangesNothing() {
        Map<String, Integer> before = pids();
        Shell.Result plan = JSTACK.run("plan", "--detailed-exitcode");
        assertEquals(0, plan.exitCode(), plan.err());
        assertEquals("", plan.out());
        Shell.Result again = JSTACK.run("up", "-d").expectOk();
        assertFalse(again.err().contains("Started"), again.err());
        assertEquals(before, pids());
    }

    @Test
    @Order(2)
    @DisplayName("web recreated because its environment changed: client keeps its pid, its netns and its connection")
    void ownerEnvironmentChanged() throws IOException {
        Map<String, Integer> before = pids();
        String pin = pin();
        assertTrue(fetchFromClient().startsWith("one-"));
        write("none", "two", false);
        Shell.Result plan = JSTACK.run("plan", "--detailed-exitcode");
        assertEquals(2, plan.exitCode(), plan.err());
        assertEquals("""
                1 stop e2e-reconcile-web-1: config changed: environment
                2 remove e2e-reconcile-web-1: config changed: environment (after 1)
                3 create e2e-reconcile-web-1: config changed: environment (after 2)
                4 start e2e-reconcile-web-1: config changed: environment (after 3)
                """, plan.out());
        JSTACK.run("up", "-d").expectOk();
        Map<String, Integer> after = pids();
        assertNotEquals(before.get("web"), after.get("web"));
        assertEquals(before.get("client"), after.get("client"));
        assertEquals(before.get("idle"), after.get("idle"));
        assertEquals(pin, pin(), "the pin is the same namespace");
        assertEquals(pin, Kernel.namespace(after.get("web"), "net"));
        assertEquals(pin, Kernel.namespace(after.get("client"), "net"));
        assertTrue(fetchFromClient().startsWith("two-"), "client reaches the new web over the same loopback");
    }

    @Test
    @Order(3)
    @DisplayName("restart web: client keeps its pid, its netns and reaches the restarted server")
    void restartOwner() {
        Map<String, Integer> before = pids();
        String pin = pin();
        String answer = fetchFromClient();
        Shell.Result restart = JSTACK.run("restart", "web").expectOk();
        assertFalse(restart.err().contains(JSTACK.container("client")), restart.err());
        Map<String, Integer> after = pids();
        assertNotEquals(before.get("web"), after.get("web"));
        assertEquals(before.get("client"), after.get("client"));
        assertEquals(pin, Kernel.namespace(after.get("client"), "net"));
        assertEquals(pin, Kernel.namespace(after.get("web"), "net"));
        String again = Eventually.await("the restarted web's answer", Duration.ofSeconds(30),
                ReconcileTest::fetchFromClient, a -> !a.equals(answer));
        assertTrue(again.startsWith("two-"), again);
    }

    @Test
    @Order(4)
    @DisplayName("a service removed from the file is only warned about, then removed with --remove-orphans")
    void orphans() throws IOException {
        write("none", "two", true);
        JSTACK.run("up", "-d").expectOk();
        int extra = Kernel.pid(JSTACK.container("extra"));
        assertTrue(extra > 0);
        write("none", "two", false);
        Shell.Result kept = JSTACK.run("up", "-d").expectOk();
        assertTrue(kept.err().contains("found orphan containers (" + JSTACK.container("extra") + ")"), kept.err());
        assertEquals(extra, Kernel.pid(JSTACK.container("extra")), "without --remove-orphans it keeps running");
        Shell.Result plan = JSTACK.run("plan", "--remove-orphans", "--detailed-exitcode");
        assertEquals(2, plan.exitCode(), plan.err());
        assertTrue(plan.out().contains("remove " + JSTACK.container("extra") + ": orphan"), plan.out());
        JSTACK.run("up", "-d", "--remove-orphans").expectOk();
        assertEquals("absent", Kernel.status(JSTACK.container("extra")));
        assertFalse(Kernel.processAlive(extra));
        assertEquals(0, JSTACK.run("plan", "--detailed-exitcode").exitCode());
    }

    @Test
    @Order(5)
    @DisplayName("web switched from none to host: client follows into the host's namespace and the pin goes")
    void ownerNowHost() throws IOException {
        write("host", "two", false);
        Shell.Result plan = JSTACK.run("plan");
        assertTrue(plan.out().contains("pin replaced: owner web now host"), plan.out());
        JSTACK.run("up", "-d").expectOk();
        String host = Kernel.hostNetns();
        assertEquals(host, Kernel.namespace(Kernel.pid(JSTACK.container("web")), "net"));
        assertEquals(host, Kernel.namespace(Kernel.pid(JSTACK.container("client")), "net"));
        assertFalse(Kernel.netnsNames().contains(JSTACK.pin("web")), "the pin is removed");
        assertTrue(fetchFromClient().startsWith("two-"));
        assertEquals(0, JSTACK.run("plan", "--detailed-exitcode").exitCode());
    }
}
