package dev.jstack.runtime;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Owns the running of external programs: a bounded wait, output captured in temporary files (not pipes,
 * which a container that inherits them would hold open forever) or, for brief programs, a pipe read once they have
 * ended, and a process that is always reaped, killed with its descendants when it overstays.
 */
final class Commands {

    /** What a finished program left: its exit code and its captured stdout and stderr. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    private static final File DEV_NULL = new File("/dev/null");
    private static final Duration GRACE = Duration.ofSeconds(2);

    private Commands() {
    }

    /**
     * Runs {@code argv} with stdin from /dev/null and captures stdout and stderr. {@code what} names the call
     * in failures ("runc state web").
     */
    static Result run(String what, List<String> argv, Duration timeout) throws RuntimeFailure {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("jstack-cmd", ".out");
            err = Files.createTempFile("jstack-cmd", ".err");
            // stderr is opened for appending: a program that opens its own stderr again by path for appending, as
            // runc and crun do for their log (/proc/self/fd/2), then adds to it rather than writing over what the
            // other descriptor wrote.
            ProcessBuilder builder = new ProcessBuilder(argv).redirectInput(DEV_NULL)
                    .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.appendTo(err.toFile()));
            int code = run(what, builder, timeout);
            return new Result(code, Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RuntimeFailure(what + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /**
     * Runs {@code argv} with stdin from /dev/null and captures what it writes to stdout and stderr together, through
     * a pipe rather than files: for a program that writes a few lines at most (less than a pipe holds, or it is
     * stopped as one that overstays) and that starts no process which outlives it, such as runc's kill, delete and
     * start. What it wrote is read once it has ended, as far as it is there, so a process that kept the pipe open
     * would not block the call either. The result's stdout is empty, its stderr all of the output.
     */
    static Result runBrief(String what, List<String> argv, Duration timeout) throws RuntimeFailure {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectInput(DEV_NULL).redirectErrorStream(true);
        Process process = start(what, builder);
        try (InputStream output = process.getInputStream()) {
            int code = await(what, process, timeout);
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            for (int available = output.available(); available > 0; available = output.available()) {
                read.write(output.readNBytes(available));
            }
            return new Result(code, "", read.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RuntimeFailure(what + ": " + e.getMessage(), e);
        }
    }

    /** Runs a prepared builder with its own redirects; returns the exit code, or fails after {@code timeout}. */
    static int run(String what, ProcessBuilder builder, Duration timeout) throws RuntimeFailure {
        return await(what, start(what, builder), timeout);
    }

    private static int await(String what, Process process, Duration timeout) throws RuntimeFailure {
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
            stop(process);
            throw new RuntimeFailure(what + ": no answer after " + readable(timeout) + "; stopped it");
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw new RuntimeFailure(what + ": interrupted; stopped it", e);
        }
    }

    /** Runs a prepared builder (e.g. with inherited stdio) until it ends, however long that is. */
    static int runToEnd(String what, ProcessBuilder builder) throws RuntimeFailure {
        Process process = start(what, builder);
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw new RuntimeFailure(what + ": interrupted; stopped it", e);
        }
    }

    private static String readable(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static Process start(String what, ProcessBuilder builder) throws RuntimeFailure {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new RuntimeFailure(what + ": cannot run " + builder.command().get(0) + ": " + e.getMessage(), e);
        }
    }

    /** Asks politely, then kills the process and what it started, and waits so that no zombie is left. */
    private static void stop(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        boolean ended;
        try {
            ended = process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended = false;
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
        if (!ended) {
            process.destroyForcibly();
        }
        process.onExit().join();
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A temporary file left behind is harmless; the call's own outcome matters more.
            file.toFile().deleteOnExit();
        }
    }
}
