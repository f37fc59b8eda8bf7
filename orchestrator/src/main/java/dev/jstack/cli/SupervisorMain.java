package dev.jstack.cli;

import dev.jstack.runtime.HostNotReadyException;
import dev.jstack.runtime.RuntimeFailure;
import dev.jstack.runtime.linux.LinuxProcessReaper;
import dev.jstack.spec.Diagnostic;
import dev.jstack.spec.InvalidStackException;
import dev.jstack.state.ProjectPaths;
import dev.jstack.supervise.Supervisor;
import dev.jstack.supervise.SupervisorFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The entry point of a project's supervisor, the process that {@code up -d} leaves running: it reads its arguments
 * by hand ({@link SupervisorArguments}) rather than through the command tree, so that the classes it loads, which
 * stay resident as long as the project runs, are those it needs to supervise.
 */
public final class SupervisorMain {
    private SupervisorMain() {
    }

    public static void main(String[] args) {
        ProcessLaunch.preferVfork();
        PrintWriter err = new PrintWriter(System.err, true);
        SupervisorArguments parsed;
        try {
            parsed = SupervisorArguments.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            err.println("jstack: error: " + e.getMessage());
            System.exit(ExitCode.INVALID);
            return;
        }
        System.exit(run(parsed, Path.of("").toAbsolutePath(), System.getenv(), err));
    }

    /** Supervises until asked to stop; the exit code says how it ended, as the commands' own errors do. */
    static int run(SupervisorArguments args, Path workingDir, Map<String, String> environment, PrintWriter err) {
        try {
            supervise(args, workingDir, environment, err);
            return ExitCode.OK;
        } catch (InvalidStackException invalid) {
            for (Diagnostic d : invalid.diagnostics()) {
                err.println(d);
            }
            return ExitCode.INVALID;
        } catch (HostNotReadyException notReady) {
            err.println("jstack: " + notReady.getMessage());
            return ExitCode.HOST_NOT_READY;
        } catch (Exception e) {
            err.println("jstack: error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            if (args.global().showStackTraces()) {
                e.printStackTrace(err);
            }
            return ExitCode.FAILED;
        } finally {
            err.flush();
        }
    }

    /** What {@code supervise} does, through either entry point: the supervisor's loop over the project. */
    static void supervise(SupervisorArguments args, Path workingDir, Map<String, String> environment,
                          PrintWriter err) throws Exception {
        try {
            LinuxProcessReaper.detachFromTerminal();
        } catch (RuntimeFailure alreadyLeader) {
            // Already a session leader: the terminal's signals cannot reach it either.
        }
        Map<String, String> env = Map.copyOf(environment);
        RuntimeOptions runtime = args.runtimeOptions();
        SupervisorFiles files = SupervisorFiles.of(ProjectPaths.onHost(args.project()));
        Supervisor supervisor = new Supervisor(
                progress -> runtime.open(args.global().load(workingDir, env, err).stack(), env, err, progress),
                files, LinuxProcessReaper.shared(), Clock.systemUTC(), line -> {
                    err.println(stamp(System.currentTimeMillis()) + " " + line);
                    err.flush();
                });
        supervisor.run();
    }

    /**
     * The UTC time of a log line, {@code 2026-11-28T09:21:41.062Z}, built by hand: {@code Instant.toString()} goes
     * through {@code DateTimeFormatter}, whose formatters, locale data and calendar take 150 classes that the
     * supervisor would keep loaded for its timestamps alone.
     */
    static String stamp(long epochMillis) {
        long day = Math.floorDiv(epochMillis, 86_400_000L);
        long millisOfDay = Math.floorMod(epochMillis, 86_400_000L);
        StringBuilder out = new StringBuilder(24).append(LocalDate.ofEpochDay(day)).append('T');
        pad(out, millisOfDay / 3_600_000, 2).append(':');
        pad(out, millisOfDay / 60_000 % 60, 2).append(':');
        pad(out, millisOfDay / 1000 % 60, 2).append('.');
        return pad(out, millisOfDay % 1000, 3).append('Z').toString();
    }

    private static StringBuilder pad(StringBuilder out, long value, int digits) {
        String text = Long.toString(value);
        for (int i = text.length(); i < digits; i++) {
            out.append('0');
        }
        return out.append(text);
    }
}
