package dev.jstack.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class CommandsTest {

    private static final Duration GENEROUS = Duration.ofMinutes(1);

    @Test
    void capturesStatusStdoutAndStderrSeparately() throws Exception {
        Commands.Result result = Commands.run("sh test",
                List.of("/bin/sh", "-c", "echo out; echo err >&2; read x; echo \"[$x]\"; exit 3"), GENEROUS);
        assertEquals(new Commands.Result(3, "out\n[]\n", "err\n"), result);
    }

    @Test
    @Timeout(60)
    void aGrandchildHoldingTheOutputOpenDoesNotBlockTheCall(@TempDir Path dir) throws Exception {
        assertEquals(new Commands.Result(0, "started\n", ""), withGrandchildHoldingTheOutput(Commands::run, dir));
    }

    @Test
    void aProgramThatOverstaysIsStoppedAndReaped() {
        assertStoppedAndReaped(Commands::run);
    }

    @Test
    void whatTheProgramAppendsToItsStderrByPathIsKeptBesideWhatItWroteToIt() throws Exception {
        Commands.Result result = Commands.run("sh test",
                List.of("/bin/sh", "-c", "echo a >&2; echo b >> /proc/self/fd/2; echo c >&2"), GENEROUS);
        assertEquals(new Commands.Result(0, "", "a\nb\nc\n"), result);
    }

    @Test
    void aBriefProgramsOutputAndErrorsComeTogetherWithItsStatus() throws Exception {
        Commands.Result result = Commands.runBrief("sh test",
                List.of("/bin/sh", "-c", "echo out; echo err >&2; read x; echo \"[$x]\" >&2; exit 3"), GENEROUS);
        assertEquals(new Commands.Result(3, "", "out\nerr\n[]\n"), result);
    }

    @Test
    @Timeout(60)
    void aGrandchildHoldingTheOutputPipeOpenDoesNotBlockABriefCall(@TempDir Path dir) throws Exception {
        assertEquals(new Commands.Result(0, "", "started\n"), withGrandchildHoldingTheOutput(Commands::runBrief, dir));
    }

    @Test
    void aBriefProgramThatOverstaysIsStoppedAndReaped() {
        assertStoppedAndReaped(Commands::runBrief);
    }

    /** Commands.run or Commands.runBrief. */
    @FunctionalInterface
    private interface Call {
        Commands.Result run(String what, List<String> argv, Duration timeout) throws RuntimeFailure;
    }

    // A shell that leaves a sleeping child holding its output open, and ends; the child is killed afterwards.
    private static Commands.Result withGrandchildHoldingTheOutput(Call call, Path dir) throws Exception {
        Path pidFile = dir.resolve("pid");
        Commands.Result result = call.run("sh test",
                List.of("/bin/sh", "-c", "sleep 300 & echo $! > " + pidFile + "; echo started"), GENEROUS);
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        return result;
    }

    private static void assertStoppedAndReaped(Call call) {
        RuntimeFailure e = assertThrows(RuntimeFailure.class,
                () -> call.run("sleeper", List.of("/bin/sh", "-c", "sleep 300"), Duration.ofMillis(300)));
        assertEquals("sleeper: no answer after 300 ms; stopped it", e.getMessage());
        assertTrue(ProcessHandle.current().children().noneMatch(p -> p.info().command().orElse("").contains("sh")),
                "no child of this JVM is left");
    }

    @Test
    void aMissingProgramIsNamed() {
        RuntimeFailure e = assertThrows(RuntimeFailure.class,
                () -> Commands.run("probe", List.of("/nonexistent/prog"), GENEROUS));
        assertTrue(e.getMessage().startsWith("probe: cannot run /nonexistent/prog: "), e.getMessage());
    }
}
