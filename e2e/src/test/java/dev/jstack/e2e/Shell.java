package dev.jstack.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a program on the host and captures what it says: the tests' window on the kernel and on jstack. */
final class Shell {
    private static final long TIMEOUT_SECONDS = 180;

    private Shell() {
    }

    /** What a finished program said and its exit code. */
    record Result(int exitCode, String out, String err) {
        Result expectOk() {
            if (exitCode != 0) {
                throw new AssertionError("exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err);
            }
            return this;
        }
    }

    static Result run(List<String> command) {
        return run(command, null, Map.of());
    }

    static Result run(String... command) {
        return run(List.of(command));
    }

    static Result run(List<String> command, Path workingDir, Map<String, String> env) {
        return run(command, workingDir, env, TIMEOUT_SECONDS);
    }

    /** As {@link #run(List, Path, Map)}, for a command that may take longer than the usual limit. */
    static Result run(List<String> command, Path workingDir, Map<String, String> env, long timeoutSeconds) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(
                new java.io.File("/dev/null")));
        if (workingDir != null) builder.directory(workingDir.toFile());
        builder.environment().putAll(env);
        try {
            Process p = builder.start();
            CompletableFuture<String> out = read(p.getInputStream());
            CompletableFuture<String> err = read(p.getErrorStream());
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("timed out after " + timeoutSeconds + "s: " + command);
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + command, e);
        }
    }

    static CompletableFuture<String> read(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }
}
