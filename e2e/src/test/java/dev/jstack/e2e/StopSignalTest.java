package dev.jstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@Scenario
@DisplayName("stop_signal, by name, number or real-time name, reaches the container's init through stop and down")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StopSignalTest {
    private static final Jstack JSTACK = new Jstack("signals");
    private static final Path MARKS = Path.of("/tmp/jstack-e2e-signals");
    private static final String[] SERVICES = {"usr1", "quit", "rtmin", "term"};

    @BeforeAll
    static void up() throws IOException {
        JSTACK.run("down", "-t", "1");
        Shell.run("rm", "-rf", MARKS.toString()).expectOk();
        JSTACK.run("up", "-d").expectOk();
        for (String service : SERVICES) {
            Eventually.await(service + " to run", Duration.ofSeconds(20),
                    () -> Kernel.status(JSTACK.container(service)), "running"::equals);
        }
        // Each shell sets its trap first thing, then starts its sleep: once the sleep runs, the trap is set.
        for (String service : SERVICES) {
            Eventually.await(service + "'s shell to wait", Duration.ofSeconds(20), () -> sleeps(service), n -> n == 1);
        }
    }

    @AfterAll
    static void down() {
        JSTACK.down();
        Shell.run("rm", "-rf", MARKS.toString());
    }

    // The sleeps that a service's shell (its container's init) has started.
    private static long sleeps(String service) {
        int init = Kernel.pid(JSTACK.container(service));
        return init <= 0 ? 0 : Shell.run("pgrep", "-P", String.valueOf(init), "-x", "sleep").out().lines().count();
    }

    private static String mark(String service) throws IOException {
        Path file = MARKS.resolve(service);
        return Files.exists(file) ? Files.readString(file).trim() : "";
    }

    @Test
    @Order(1)
    @DisplayName("stop sends SIGTERM, the default, to term, which ends by its trap; the others run on")
    void stopSendsTheServicesSignal() throws Exception {
        JSTACK.run("stop", "term").expectOk();
        assertEquals("TERM", mark("term"));
        assertEquals("stopped", Kernel.status(JSTACK.container("term")));
        assertEquals("", mark("usr1"), "usr1 got nothing");
        assertEquals("running", Kernel.status(JSTACK.container("usr1")));
    }

    @Test
    @Order(2)
    @DisplayName("down sends SIGUSR1 to usr1, signal number 3 (SIGQUIT) to quit and SIGRTMIN+3 to rtmin")
    void downSendsEachServicesSignal() throws Exception {
        JSTACK.run("down").expectOk();
        assertEquals("USR1", mark("usr1"));
        assertEquals("QUIT", mark("quit"));
        assertEquals("RTMIN+3", mark("rtmin"));
        for (String service : SERVICES) {
            assertEquals("absent", Kernel.status(JSTACK.container(service)));
        }
    }
}
