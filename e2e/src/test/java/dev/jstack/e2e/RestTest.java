package dev.jstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@Scenario
@DisplayName("the supervisor rests in place when nothing is due, and wakes for an ended container or a command")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestTest {
    private static final Jstack JSTACK = new Jstack("rest");
    private static final Map<String, String> REST_AFTER_ONE_SECOND = Map.of("JSTACK_SUPERVISOR_REST", "1");
    private static final String RESTING = "dev.jstack.cli.RestingMain";
    private static int supervisor;

    @BeforeAll
    static void up() {
        JSTACK.down();
        JSTACK.run(REST_AFTER_ONE_SECOND, "up", "-d").expectOk();
        supervisor = Supervision.pidFile(JSTACK);
        assertNotEquals(0, supervisor);
    }

    @AfterAll
    static void down() {
        JSTACK.down();
    }

    private static void awaitRest() {
        Eventually.await("the supervisor " + supervisor + " to rest", Duration.ofSeconds(30),
                () -> Supervision.commandLine(supervisor), words -> words.contains(RESTING));
    }

    private static String log() throws IOException {
        return Files.readString(Path.of("/var/lib/jstack/supervisors/" + JSTACK.project() + ".log"));
    }

    private static JsonNode row(String service) throws IOException {
        for (JsonNode r : new ObjectMapper().readTree(JSTACK.run("ps", "--format", "json").expectOk().out())) {
            if (r.path("service").asText().equals(service)) {
                return r;
            }
        }
        throw new AssertionError("ps shows no " + service);
    }

    /** Proportional set size of a process in kB, from /proc/PID/smaps_rollup. */
    private static long pssKb(int pid) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup")).stream()
                .filter(l -> l.startsWith("Pss:")).map(l -> Long.parseLong(l.replaceAll("\\D", "")))
                .findFirst().orElseThrow();
    }

    @Test
    @Order(1)
    @DisplayName("at rest it is the same process, still the parent of its containers, and small")
    void restsInPlace() throws IOException {
        awaitRest();
        assertEquals(List.of(supervisor), Supervision.processes(JSTACK), "one supervisor, the same pid");
        assertTrue(Supervision.commandLine(supervisor).contains("supervise"), "its command line still names it");
        for (String service : List.of("owner", "joiner")) {
            assertEquals(supervisor, Supervision.awaitParent(Kernel.pid(JSTACK.container(service)), supervisor));
        }
        JSTACK.run("ps").expectOk();
        assertTrue(Supervision.commandLine(supervisor).contains(RESTING), "ps's ping does not wake it");
        long pss = pssKb(supervisor);
        assertTrue(pss < 40 * 1024, "resting supervisor PSS " + pss + " kB, under 40 MB");
    }

    @Test
    @Order(2)
    @DisplayName("a killed container wakes it; it restarts the container and rests again")
    void anEndedContainerWakesIt() throws IOException {
        awaitRest();
        int before = Kernel.pid(JSTACK.container("joiner"));
        Shell.run("kill", "-9", Integer.toString(before)).expectOk();
        int after = Eventually.await("joiner to run again", Duration.ofSeconds(30),
                () -> Kernel.pid(JSTACK.container("joiner")), pid -> pid != 0 && pid != before);
        assertEquals(supervisor, Supervision.awaitParent(after, supervisor), "the same supervisor started it");
        assertEquals(Kernel.namespace(Kernel.pid(JSTACK.container("owner")), "net"), Kernel.namespace(after, "net"));
        assertEquals(1, row("joiner").path("restarts").asInt());
        assertTrue(log().contains("service joiner ended: the supervisor wakes"), log());
        awaitRest();
        assertEquals(0, row("once").path("restarts").asInt(), "the one-shot that ended well stays down");
        assertEquals(0, Kernel.pid(JSTACK.container("once")));
    }

    @Test
    @Order(3)
    @DisplayName("up -d with nothing to do plans in the command and leaves it resting")
    void upWithNothingToDoLetsItRest() throws IOException {
        awaitRest();
        String before = log();
        // The one-shot `once` has ended: a plain `up -d` would start it again, as compose's does.
        JSTACK.run("up", "-d", "owner", "joiner").expectOk();
        assertTrue(Supervision.commandLine(supervisor).contains(RESTING), "still resting");
        assertEquals(before, log(), "nothing was asked of it");
    }

    @Test
    @Order(4)
    @DisplayName("a command's request wakes it: restart replaces the named container")
    void aRequestWakesIt() throws IOException {
        awaitRest();
        int before = Kernel.pid(JSTACK.container("owner"));
        JSTACK.run("restart", "owner").expectOk();
        int after = Kernel.pid(JSTACK.container("owner"));
        assertNotEquals(0, after);
        assertNotEquals(before, after);
        assertEquals(supervisor, Supervision.awaitParent(after, supervisor));
        assertTrue(log().contains("a command asks for restart: the supervisor wakes"), log());
        assertEquals(List.of(supervisor), Supervision.processes(JSTACK));
    }

    @Test
    @Order(5)
    @DisplayName("a container the user stops while it rests stays stopped")
    void aUserStopStaysAcrossTheWake() throws IOException {
        awaitRest();
        JSTACK.run("stop", "joiner").expectOk();
        assertEquals(0, Kernel.pid(JSTACK.container("joiner")));
        awaitRest();
        assertEquals(0, Kernel.pid(JSTACK.container("joiner")), "not brought back by its restart policy");
        JSTACK.run("start", "joiner").expectOk();
        assertNotEquals(0, Kernel.pid(JSTACK.container("joiner")));
    }

    @Test
    @Order(6)
    @DisplayName("down from rest leaves no supervisor, container or pin")
    void downFromRest() throws IOException {
        awaitRest();
        JSTACK.down();
        assertEquals(List.of(), Supervision.processes(JSTACK));
        assertEquals(List.of(), Kernel.runcContainers(JSTACK.project() + "-"));
        assertTrue(Kernel.netnsNames().stream().noneMatch(n -> n.contains(JSTACK.project())), Kernel.netnsNames()
                .toString());
        assertTrue(!Files.exists(Path.of("/run/jstack", JSTACK.project())));
    }
}
