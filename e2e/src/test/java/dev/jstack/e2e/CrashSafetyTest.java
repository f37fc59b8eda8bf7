package dev.jstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of jstack in the middle of {@code up} and {@code down}: the next {@code up} converges and the next
 * {@code down} leaves nothing. The stack has 20 services: four {@code none} owners with four joiners each.
 */
@Scenario
@DisplayName("kill -9 of jstack at any point of up or down leaves a state that the next up and down repair")
class CrashSafetyTest {
    private static final Path DIR = Path.of("/tmp/jstack-e2e-crash");
    private static final Jstack JSTACK = Jstack.forFile(DIR.resolve("stack.yml"), "e2e-crash");
    private static final int SERVICES = 20;

    @AfterAll
    static void cleanUp() {
        JSTACK.run("down", "-t", "1");
        Shell.run("rm", "-rf", DIR.toString());
    }

    private static List<String> services() {
        List<String> names = new ArrayList<>();
        for (int group = 1; group <= SERVICES / 5; group++) {
            names.add("owner" + group);
            for (int joiner = 1; joiner <= 4; joiner++) {
                names.add("joiner" + group + "x" + joiner);
            }
        }
        return names;
    }

    private static void writeStack() throws IOException {
        StringBuilder file = new StringBuilder("services:\n");
        for (String s : services()) {
            String mode = s.startsWith("owner") ? "none" : "service:owner" + s.substring(6, s.indexOf('x'));
            file.append("  ").append(s).append(":\n    rootfs: host\n    network_mode: ").append(mode)
                    .append("\n    command: [\"sleep\", \"infinity\"]\n    stop_signal: SIGKILL\n");
        }
        Files.createDirectories(DIR);
        Files.writeString(DIR.resolve("stack.yml"), file);
    }

    // runc's state directories of this project: `runc list` fails while another project deletes a container.
    private static int containers() throws IOException {
        try (var states = Files.list(Path.of("/run/runc"))) {
            return (int) states.filter(p -> p.getFileName().toString().startsWith(JSTACK.project() + "-")).count();
        } catch (java.nio.file.NoSuchFileException e) {
            return 0;
        }
    }

    /**
     * Starts jstack with {@code args}, SIGKILLs its JVM once {@code when} holds, and says what it saw then. For a cold
     * {@code up -d} that JVM is also the project's supervisor, which dies with it in the middle of its apply.
     */
    private static int killWhen(java.util.function.IntPredicate when, String... args) throws Exception {
        Process jstack = new ProcessBuilder(JSTACK.commandLine(args)).directory(DIR.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        int seen = containers();
        while (jstack.isAlive() && !when.test(seen) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            seen = containers();
        }
        assertTrue(jstack.isAlive(), "jstack " + String.join(" ", args) + " ended before the kill point ("
                + seen + " containers)");
        ProcessHandle jvm = Supervision.jvmOf(jstack.toHandle())
                .orElseThrow(() -> new AssertionError("the launcher " + jstack.pid() + " runs no JVM"));
        Shell.run("kill", "-9", Long.toString(jvm.pid())).expectOk();
        assertTrue(jstack.waitFor(10, TimeUnit.SECONDS), "the launcher ends with its JVM");
        return seen;
    }

    /**
     * Runs owner1 alone, ends it, and leaves what jstack's removal of a stopped container leaves when killed after
     * the container's cgroups and its state file went and before its state directory did; returns its id.
     */
    private static String ownerRemovalCutShort() throws IOException {
        writeStack();
        JSTACK.run("down", "-t", "1");
        JSTACK.run("up", "-d", "owner1").expectOk();
        String id = JSTACK.container("owner1");
        int pid = Kernel.pid(id);
        assertTrue(pid > 0, "owner1 runs");
        Shell.run("kill", "-9", Integer.toString(pid)).expectOk();
        Eventually.await("owner1's init ends", java.time.Duration.ofSeconds(10), () -> Kernel.processAlive(pid),
                alive -> !alive);
        // A group may stay busy for a moment after the init has ended.
        for (Path group : Kernel.cgroupsContaining(id)) {
            Eventually.await("rmdir " + group, java.time.Duration.ofSeconds(10), () -> {
                try {
                    Files.deleteIfExists(group);
                    return true;
                } catch (IOException busy) {
                    return false;
                }
            }, removed -> removed);
        }
        Files.delete(Path.of("/run/runc", id, "state.json"));
        return id;
    }

    private static void assertConverged() throws IOException {
        Shell.Result up = JSTACK.run("up", "-d").expectOk();
        for (String s : services()) {
            assertTrue(Kernel.pid(JSTACK.container(s)) > 0, s + " runs after the next up: " + up.err());
        }
        Shell.Result plan = JSTACK.run("plan", "--detailed-exitcode");
        assertEquals(0, plan.exitCode(), "in sync after up:\n" + plan.out() + plan.err());
        for (int group = 1; group <= SERVICES / 5; group++) {
            String pin = Kernel.netnsOfFile(Path.of("/run/netns", JSTACK.pin("owner" + group)));
            assertEquals(pin, Kernel.namespace(Kernel.pid(JSTACK.container("joiner" + group + "x4")), "net"));
        }
    }

    @Test
    @DisplayName("a removal cut short between runc's state file and its directory: the next up takes the id back")
    void aStateDirectoryWithoutItsFileIsRemovedByTheNextUp() throws Exception {
        String id = ownerRemovalCutShort();
        assertTrue(Files.isDirectory(Path.of("/run/runc", id)), "sanity: the directory keeps the id taken");
        // Without its record jstack plans the container as new: no removal comes before its creation.
        Files.delete(Path.of("/run/jstack", JSTACK.project(), "records", id + ".json"));

        Shell.Result up = JSTACK.run("up", "-d", "owner1").expectOk();

        assertTrue(Kernel.pid(id) > 0, "owner1 runs again: " + up.err());
        JSTACK.run("down", "-t", "1").expectOk();
        assertEquals(0, containers(), "no runtime state of the project");
        assertEquals(List.of(), Kernel.cgroupsContaining(JSTACK.project()));
    }

    @Test
    @DisplayName("a removal cut short between runc's state file and its directory: the next down removes the rest")
    void aStateDirectoryWithoutItsFileIsRemovedByTheNextDown() throws Exception {
        String id = ownerRemovalCutShort();

        JSTACK.run("down", "-t", "1").expectOk();

        assertEquals(0, containers(), "no runtime state of the project");
        assertFalse(Files.exists(Path.of("/run/jstack", JSTACK.project())), "no /run/jstack/<project>");
    }

    @Test
    @DisplayName("up killed after 2, 9 and 16 containers exist, then down killed halfway: up converges, down cleans")
    void killedUpAndDown() throws Exception {
        java.nio.file.attribute.FileTime started = java.nio.file.attribute.FileTime.from(java.time.Instant.now());
        writeStack();
        JSTACK.run("down", "-t", "1");
        for (int point : new int[] {2, 9, 16}) {
            killWhen(n -> n >= point, "up", "-d");
        }
        assertConverged();

        killWhen(n -> n <= SERVICES / 2, "down", "-t", "1");
        Shell.Result again = JSTACK.run("up", "-d").expectOk();
        assertEquals(SERVICES, containers(), again.err());
        assertEquals(0, JSTACK.run("plan", "--detailed-exitcode").exitCode());

        killWhen(n -> n <= SERVICES - 3, "down", "-t", "1");
        JSTACK.run("down", "-t", "1").expectOk();
        assertEquals(0, containers(), "no runtime state of the project");
        assertEquals(List.of(), Kernel.mountsContaining(JSTACK.project()));
        assertEquals(List.of(), Kernel.netnsNames().stream().filter(n -> n.contains(JSTACK.project())).toList());
        assertEquals(List.of(), Kernel.cgroupsContaining(JSTACK.project()));
        assertFalse(Files.exists(Path.of("/run/jstack", JSTACK.project())), "no /run/jstack/<project>");
        for (String s : services()) {
            assertFalse(Files.exists(Path.of("/var/lib/jstack/containers", JSTACK.container(s))), s);
            assertFalse(Files.exists(Path.of("/var/lib/jstack/logs", JSTACK.container(s) + ".log")), s + "'s log");
        }
        assertEquals(List.of(), runtimeLogsSince(started), "no runtime log of a killed call is left in /tmp");
    }

    // The runtime logs of calls (jstack-VERB*.log) that jstack made in /tmp since `since`.
    private static List<Path> runtimeLogsSince(java.nio.file.attribute.FileTime since) throws IOException {
        try (var files = Files.list(Path.of("/tmp"))) {
            return files.filter(p -> p.getFileName().toString().matches("jstack-[a-z]+[0-9]+\\.log"))
                    .filter(p -> {
                        try {
                            return Files.getLastModifiedTime(p).compareTo(since) >= 0;
                        } catch (IOException gone) {
                            return false;
                        }
                    }).toList();
        }
    }
}
