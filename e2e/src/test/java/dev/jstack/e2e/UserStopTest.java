package dev.jstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
@DisplayName("stop holds against the supervisor; start and restart go through it; logs, exec and start revive it")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UserStopTest {
    @RegisterExtension
    static final Jstack.Up JSTACK = new Jstack.Up("userstops");
    /** Several supervisor ticks (500 ms each): long enough for a restart policy to act if it were going to. */
    private static final long TICKS_MILLIS = 2500;

    private static int running(String service) {
        return Eventually.await(service + " to run", Duration.ofSeconds(20),
                () -> Kernel.pid(JSTACK.container(service)), pid -> pid > 0);
    }

    private static int killSupervisor() {
        int old = Supervision.pidFile(JSTACK);
        assertTrue(old > 0, "a supervisor runs");
        Shell.run("kill", "-KILL", String.valueOf(old)).expectOk();
        Eventually.await("the supervisor to die", Duration.ofSeconds(10), () -> Kernel.processAlive(old),
                alive -> !alive);
        return old;
    }

    private static int lastExit(String service) {
        try {
            JsonNode status = new ObjectMapper().readTree(
                    Path.of("/run/jstack", JSTACK.project(), "supervisor", "status.json").toFile());
            return status.path("services").path(service).path("lastExit").asInt(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    @Test
    @Order(1)
    @DisplayName("restart: always stopped by the user stays down; start brings it back as the supervisor's child")
    void stoppedAlwaysStaysDownUntilStart() throws Exception {
        int supervisor = Supervision.pidFile(JSTACK);
        int calm = running("calm");
        JSTACK.run("stop", "keep").expectOk();
        Thread.sleep(TICKS_MILLIS);
        assertEquals("stopped", Kernel.status(JSTACK.container("keep")), "the supervisor left keep down");
        assertEquals(calm, Kernel.pid(JSTACK.container("calm")), "calm is untouched");

        JSTACK.run("start", "keep").expectOk();
        int keep = running("keep");
        assertEquals(supervisor, Supervision.pidFile(JSTACK), "the same supervisor");
        assertEquals(supervisor, Supervision.parent(keep), "the supervisor created keep: it is its parent");

        // Its child: the supervisor learns how it ended (128 + SIGKILL) and applies `always` to it.
        Shell.run("kill", "-KILL", String.valueOf(keep)).expectOk();
        int again = Eventually.await("keep to be restarted", Duration.ofSeconds(20),
                () -> Kernel.pid(JSTACK.container("keep")), pid -> pid > 0 && pid != keep);
        assertEquals(supervisor, Supervision.awaitParent(again, supervisor));
        assertEquals(137, Eventually.await("keep's exit code in the status", Duration.ofSeconds(10),
                () -> lastExit("keep"), code -> code == 137));
    }

    @Test
    @Order(2)
    @DisplayName("restart goes through the supervisor: the new container is its child")
    void restartIsTheSupervisorsChild() throws Exception {
        int supervisor = Supervision.pidFile(JSTACK);
        int calm = running("calm");
        JSTACK.run("restart", "calm").expectOk();
        int fresh = running("calm");
        assertNotEquals(calm, fresh);
        assertEquals(supervisor, Supervision.parent(fresh));
    }

    @Test
    @Order(3)
    @DisplayName("both stopped, supervisor killed: ps starts a new one, which brings back always, not unless-stopped")
    void newSupervisorRespectsUnlessStopped() throws Exception {
        JSTACK.run("stop", "keep", "calm").expectOk();
        int old = killSupervisor();

        Shell.Result ps = JSTACK.run("ps").expectOk();
        assertTrue(ps.err().contains("starting a new one"), ps.err());
        int fresh = Supervision.pidFile(JSTACK);
        assertNotEquals(old, fresh);
        assertEquals(List.of(fresh), Supervision.processes(JSTACK));
        int keep = running("keep");
        assertEquals(fresh, Supervision.awaitParent(keep, fresh), "always: brought back by the new supervisor");
        Thread.sleep(TICKS_MILLIS);
        assertEquals("stopped", Kernel.status(JSTACK.container("calm")), "unless-stopped: stays down");
    }

    @Test
    @Order(4)
    @DisplayName("start with the supervisor gone starts a new one first, the parent of what it starts")
    void startRevivesTheSupervisor() throws Exception {
        int old = killSupervisor();
        JSTACK.run("start", "calm").expectOk();
        int fresh = Supervision.pidFile(JSTACK);
        assertNotEquals(old, fresh);
        assertEquals(List.of(fresh), Supervision.processes(JSTACK));
        assertEquals(fresh, Supervision.parent(running("calm")));
    }

    @Test
    @Order(5)
    @DisplayName("logs and exec notice a killed supervisor and start a new one")
    void logsAndExecReviveTheSupervisor() throws Exception {
        int first = killSupervisor();
        Shell.Result logs = JSTACK.run("logs", "keep").expectOk();
        assertTrue(logs.err().contains("starting a new one"), logs.err());
        int second = Supervision.pidFile(JSTACK);
        assertNotEquals(first, second);
        assertEquals(List.of(second), Supervision.processes(JSTACK));

        killSupervisor();
        Shell.Result exec = JSTACK.run("exec", "keep", "true").expectOk();
        assertTrue(exec.err().contains("starting a new one"), exec.err());
        int third = Supervision.pidFile(JSTACK);
        assertNotEquals(second, third);
        assertEquals(List.of(third), Supervision.processes(JSTACK));

        Shell.Result quiet = JSTACK.run("exec", "keep", "true").expectOk();
        assertEquals("", quiet.err(), "a live supervisor is left alone");
        assertEquals(third, Supervision.pidFile(JSTACK));
    }
}
