package dev.jstack.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A supervisor is started so that it is not the command's child: the program the command starts ends at once, and
 * the supervisor runs on with its words intact.
 */
class DetachedStartTest {
    @TempDir
    Path tmp;

    @Test
    @DisplayName("the started program ends at once, while what it started runs on and is not this process's child")
    void notAChild() throws Exception {
        Path pidFile = tmp.resolve("pid");
        // Output to a file: a pipe would stay open in the program left running, and hold this test's reader.
        Path output = tmp.resolve("output");
        String script = "echo $$ > " + pidFile + ".tmp && mv " + pidFile + ".tmp " + pidFile + " && exec sleep 30";
        Process shell = new ProcessBuilder(Supervisors.detached(List.of("/bin/sh", "-c", script)))
                .redirectInput(new java.io.File("/dev/null"))
                .redirectOutput(output.toFile()).redirectErrorStream(true).start();
        assertTrue(shell.waitFor(10, TimeUnit.SECONDS), "the detaching shell did not end");
        assertEquals(0, shell.exitValue());
        long pid = awaitPid(pidFile);
        ProcessHandle background = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("gone: " + pid));
        try {
            assertTrue(background.isAlive());
            long parent = background.parent().map(ProcessHandle::pid).orElse(-1L);
            assertNotEquals(ProcessHandle.current().pid(), parent, "the started program is this process's child");
            assertTrue(ProcessHandle.current().children().noneMatch(c -> c.pid() == pid));
        } finally {
            background.destroyForcibly();
        }
    }

    @Test
    @DisplayName("every word reaches the started program as it was: spaces, quotes, $ and an empty word")
    void wordsIntact() throws Exception {
        Path out = tmp.resolve("words");
        List<String> words = List.of("a b", "c'd", "e\"f", "$HOME", "", "*");
        List<String> command = new java.util.ArrayList<>(List.of("/bin/sh", "-c",
                "for w in \"$@\"; do printf '[%s]\\n' \"$w\"; done > " + out + ".tmp && mv " + out + ".tmp " + out,
                "sh"));
        command.addAll(words);
        Process shell = new ProcessBuilder(Supervisors.detached(command)).directory(tmp.toFile()).start();
        assertTrue(shell.waitFor(10, TimeUnit.SECONDS));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(out) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals("[a b]\n[c'd]\n[e\"f]\n[$HOME]\n[]\n[*]\n", Files.readString(out, StandardCharsets.UTF_8));
    }

    private static long awaitPid(Path pidFile) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(pidFile)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the background program never wrote its pid");
            }
            Thread.sleep(10);
        }
        return Long.parseLong(Files.readString(pidFile).trim());
    }
}
