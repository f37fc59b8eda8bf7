package dev.jstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A cold {@code up -d} through the launcher goes on as the project's supervisor in its own JVM: the launcher returns
 * the command's exit code while that process, detached from the caller, supervises, rests and wakes as a supervisor
 * started as a program of its own does.
 */
@Scenario
@DisplayName("a cold up -d goes on as its project's supervisor: one JVM, detached from whoever started it")
class HandoffTest {
    private static final Jstack JSTACK = new Jstack("handoff");
    private static final String RESTING = "dev.jstack.cli.RestingMain";

    @AfterEach
    void down() {
        JSTACK.down();
    }

    /** {@code up -d} with {@code env}, its output read until it closes; fails unless it closes within 10 s. */
    private static Shell.Result upDetached(Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(JSTACK.commandLine("up", "-d"))
                .directory(JSTACK.stackFile().getParent().toFile()).redirectInput(new File("/dev/null"));
        builder.environment().putAll(env);
        Process up = builder.start();
        CompletableFuture<String> out = Shell.read(up.getInputStream());
        CompletableFuture<String> err = Shell.read(up.getErrorStream());
        assertTrue(up.waitFor(120, TimeUnit.SECONDS), "up -d returns");
        // The supervisor that goes on in the command's process holds none of the caller's pipes.
        return new Shell.Result(up.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
    }

    private static String descriptor(int pid, int fd) throws IOException {
        return Files.readSymbolicLink(Path.of("/proc/" + pid + "/fd/" + fd)).toString();
    }

    /** The session of a process (field 6 of /proc/PID/stat). */
    private static int session(int pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3]);
    }

    private static int awaitRestart(String service, int before) {
        return Eventually.await(service + " to run again", Duration.ofSeconds(30),
                () -> Kernel.pid(JSTACK.container(service)), pid -> pid != 0 && pid != before);
    }

    @Test
    @DisplayName("its JVM supervises on, in a session of its own, with the caller's streams let go")
    void theCommandsJvmSupervises() throws Exception {
        JSTACK.down();
        Shell.Result up = upDetached(Map.of("JSTACK_SUPERVISOR_REST", "never")).expectOk();
        assertTrue(up.err().contains("Container " + JSTACK.container("joiner") + "  Started"), up.err());

        int supervisor = Supervision.pidFile(JSTACK);
        List<String> words = Supervision.commandLine(supervisor);
        assertTrue(words.contains("-jar") && words.contains("up") && !words.contains("supervise"),
                "the command's own JVM supervises: " + words);
        assertEquals(List.of(supervisor), Supervision.processes(JSTACK), "one supervisor");
        assertEquals(supervisor, session(supervisor), "it leads a session of its own");
        String log = "/var/lib/jstack/supervisors/" + JSTACK.project() + ".log";
        assertEquals(List.of("/dev/null", log, log),
                List.of(descriptor(supervisor, 0), descriptor(supervisor, 1), descriptor(supervisor, 2)));
        for (String service : List.of("owner", "joiner")) {
            assertEquals(supervisor, Supervision.awaitParent(Kernel.pid(JSTACK.container(service)), supervisor),
                    service + " is its child");
        }

        int before = Kernel.pid(JSTACK.container("joiner"));
        Shell.run("kill", "-9", Integer.toString(before)).expectOk();
        int after = awaitRestart("joiner", before);
        assertEquals(supervisor, Supervision.awaitParent(after, supervisor), "it restarted the joiner");
        JSTACK.run("up", "-d").expectOk();
        assertEquals(supervisor, Supervision.pidFile(JSTACK), "up -d again keeps it");

        JSTACK.run("down", "-t", "1").expectOk();
        assertFalse(Kernel.processAlive(supervisor), "down ends it");
    }

    @Test
    @DisplayName("it rests in place and wakes as a supervisor of its own")
    void itRestsAndWakes() throws Exception {
        JSTACK.down();
        upDetached(Map.of("JSTACK_SUPERVISOR_REST", "1")).expectOk();
        int supervisor = Supervision.pidFile(JSTACK);
        Eventually.await("the supervisor " + supervisor + " to rest", Duration.ofSeconds(30),
                () -> Supervision.commandLine(supervisor), words -> words.contains(RESTING));

        int before = Kernel.pid(JSTACK.container("owner"));
        Shell.run("kill", "-9", Integer.toString(before)).expectOk();
        int after = awaitRestart("owner", before);
        assertEquals(supervisor, Supervision.awaitParent(after, supervisor), "the same process restarted it");
        List<String> woken = Supervision.commandLine(supervisor);
        assertTrue(woken.contains("supervise") && !woken.contains(RESTING), "woken as the supervisor: " + woken);
        assertEquals(List.of(supervisor), Supervision.processes(JSTACK), "one supervisor");
    }

    @Test
    @DisplayName("SIGTERM to the launcher ends the up -d it runs, here while it waits for the project's lock")
    void sigtermToTheLauncherEndsTheCommand() throws Exception {
        JSTACK.down();
        Path lockFile = Path.of("/run/jstack", JSTACK.project(), "lock");
        Files.createDirectories(lockFile.getParent());
        // Another holder of the project's lock (a POSIX lock, as jstack's), until its standard input closes.
        Process holder = new ProcessBuilder("python3", "-c", "import fcntl, sys\n"
                + "f = open(sys.argv[1], 'a+')\nfcntl.lockf(f, fcntl.LOCK_EX)\nprint('locked', flush=True)\n"
                + "sys.stdin.read()", lockFile.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader held = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            assertEquals("locked", CompletableFuture.supplyAsync(() -> line(held)).get(30, TimeUnit.SECONDS));
            Process up = new ProcessBuilder(JSTACK.commandLine("up", "-d"))
                    .directory(JSTACK.stackFile().getParent().toFile()).redirectInput(new File("/dev/null"))
                    .redirectErrorStream(true).start();
            BufferedReader said = new BufferedReader(new InputStreamReader(up.getInputStream(),
                    StandardCharsets.UTF_8));
            String waiting = CompletableFuture.supplyAsync(() -> lineContaining(said, "waiting for another"))
                    .get(60, TimeUnit.SECONDS);
            assertTrue(waiting.contains(JSTACK.project()), waiting);
            ProcessHandle jvm = Supervision.jvmOf(up.toHandle()).orElseThrow();

            Shell.run("kill", "-TERM", Long.toString(up.pid())).expectOk();
            assertTrue(up.waitFor(30, TimeUnit.SECONDS), "the launcher ends");
            assertEquals(143, up.exitValue(), "the command's status: ended by SIGTERM");
            jvm.onExit().get(30, TimeUnit.SECONDS);
        } finally {
            holder.getOutputStream().close();
            holder.waitFor(30, TimeUnit.SECONDS);
        }
        assertEquals(0, Kernel.pid(JSTACK.container("owner")), "the command made nothing");
        assertEquals(0, Supervision.pidFile(JSTACK), "nor started a supervisor");
    }

    @Test
    @DisplayName("a launcher killed while the command runs leaves the command to finish and supervise")
    void aKilledLauncherLeavesTheSupervisorToFinish() throws Exception {
        JSTACK.down();
        Process up = new ProcessBuilder(JSTACK.commandLine("up", "-d"))
                .directory(JSTACK.stackFile().getParent().toFile()).redirectInput(new File("/dev/null"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        ProcessHandle jvm = Eventually.await("the launcher's JVM", Duration.ofSeconds(30),
                () -> Supervision.jvmOf(up.toHandle()), java.util.Optional::isPresent).orElseThrow();
        Shell.run("kill", "-KILL", Long.toString(up.pid())).expectOk();
        assertTrue(up.waitFor(10, TimeUnit.SECONDS));

        // Its answer finds no reader; it supervises all the same.
        Eventually.await("the supervisor to run both services", Duration.ofSeconds(60),
                () -> Kernel.pid(JSTACK.container("owner")) > 0 && Kernel.pid(JSTACK.container("joiner")) > 0
                        && Supervision.pidFile(JSTACK) == jvm.pid(), done -> done);
        assertEquals(List.of((int) jvm.pid()), Supervision.processes(JSTACK), "the command's JVM supervises");
        JSTACK.run("plan", "--detailed-exitcode").expectOk();
    }

    private static String line(BufferedReader in) {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String lineContaining(BufferedReader in, String text) {
        for (String l = line(in); l != null; l = line(in)) {
            if (l.contains(text)) {
                return l;
            }
        }
        throw new AssertionError("the command ended without saying: " + text);
    }
}
