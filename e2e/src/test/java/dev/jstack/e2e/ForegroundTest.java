package dev.jstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@Scenario
@DisplayName("up in the foreground prints prefixed logs, and Ctrl-C stops the services gracefully")
class ForegroundTest {
    private static final Jstack JSTACK = new Jstack("foreground");

    @AfterAll
    static void down() {
        JSTACK.down();
    }

    @Test
    @DisplayName("SIGINT to a foreground up sends SIGTERM to the service, whose goodbye is shown, and ends up")
    void ctrlCStopsGracefully() throws Exception {
        JSTACK.run("down", "-t", "1");
        // A shell's background job starts with SIGINT ignored, and a JVM keeps a signal ignored that it inherits:
        // env restores SIGINT's default action, as a terminal's foreground command has it, wherever the suite runs.
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT"));
        command.addAll(JSTACK.commandLine("up"));
        Process up = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(
                new java.io.File("/dev/null"))).start();
        CompletableFuture<String> err = Shell.read(up.getErrorStream());
        // If up never ends, ending it closes its output, so the reading below stops and the test fails.
        CompletableFuture.runAsync(up::destroyForcibly, CompletableFuture.delayedExecutor(2, TimeUnit.MINUTES));
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(up.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (line.matches("talker\\s*\\| hello")) {
                    assertEquals("running", Kernel.status(JSTACK.container("talker")));
                    Shell.run("kill", "-INT", Long.toString(up.pid())).expectOk();
                }
            }
        } finally {
            if (!up.waitFor(60, TimeUnit.SECONDS)) {
                up.destroyForcibly();
            }
        }
        assertTrue(lines.stream().anyMatch(l -> l.matches("talker\\s*\\| hello")), lines + "\n" + err.join());
        assertTrue(lines.stream().anyMatch(l -> l.matches("talker\\s*\\| bye")), lines + "\n" + err.join());
        assertEquals("stopped", Kernel.status(JSTACK.container("talker")), err.join());
    }
}
