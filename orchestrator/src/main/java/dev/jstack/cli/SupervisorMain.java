package dev.jstack.cli;

import dev.jstack.runtime.HostNotReadyException;
import dev.jstack.runtime.RuntimeFailure;
import dev.jstack.runtime.linux.LinuxProcessReaper;
import dev.jstack.runtime.linux.ProcessImage;
import dev.jstack.spec.Diagnostic;
import dev.jstack.spec.InvalidStackException;
import dev.jstack.state.ProjectPaths;
import dev.jstack.supervise.Supervisor;
import dev.jstack.supervise.SupervisorFiles;
import dev.jstack.supervise.SupervisorSocket;
import java.io.PrintWriter;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The entry point of a project's supervisor, the process that {@code up -d} leaves running: it reads its arguments
 * by hand ({@link SupervisorArguments}) rather than through the command tree, so that the classes it loads, which
 * stay resident as long as the project runs, are those it needs to supervise.
 */
public final class SupervisorMain {
    static final String REST_VARIABLE = "JSTACK_SUPERVISOR_REST";
    static final long REST_DEFAULT_SECONDS = 10;

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

    /**
     * What {@code supervise} does, through either entry point: the supervisor's loop over the project, and the
     * rests between its runs. A rest replaces this program (see {@link RestingMain}); it comes back as a new
     * program with {@code --resumed}, which loads the stack as last applied.
     */
    static void supervise(SupervisorArguments args, Path workingDir, Map<String, String> environment,
                          PrintWriter err) throws Exception {
        try {
            LinuxProcessReaper.detachFromTerminal();
        } catch (RuntimeFailure alreadyLeader) {
            // Already a session leader: the terminal's signals cannot reach it either.
        }
        awake(args, workingDir, environment, err).run(Supervision.ownCommandLine());
    }

    /**
     * A supervisor whose socket is open, in the session it keeps: {@link #run} is its loop and its rests. Each
     * request loads the stack from its files, as they are when the request comes (the command that sent it holds
     * the project's lock then; it may have waited for it while the files changed).
     */
    static Awake awake(SupervisorArguments args, Path workingDir, Map<String, String> environment, PrintWriter err)
            throws Exception {
        Map<String, String> env = Map.copyOf(environment);
        RuntimeOptions runtime = args.runtimeOptions();
        SupervisorFiles files = SupervisorFiles.of(ProjectPaths.onHost(args.project()));
        Consumer<String> log = LogLines.to(err);
        Supervisor supervisor = new Supervisor(
                progress -> runtime.open(args.global().load(workingDir, env, err).stack(), env, err, progress),
                files, LinuxProcessReaper.shared(), Clock.systemUTC(), log, restAfter(env, log));
        Optional<Supervisor.Source> resumed = !args.resumed() ? Optional.empty() : Optional.of(progress ->
                runtime.open(lastApplied(files, args).load(workingDir, env, err).stack(), env, err, progress));
        return new Awake(args.project(), supervisor, files, SupervisorSocket.open(files.socket()), resumed, log);
    }

    /** The parts of a supervisor that is awake. */
    record Awake(String project, Supervisor supervisor, SupervisorFiles files, ServerSocketChannel server,
                 Optional<Supervisor.Source> resumed, Consumer<String> log) {
        /**
         * Supervises until asked to stop. {@code awakeCommand} is the command line that starts this supervisor as a
         * program of its own: the program that rests in its place runs it to wake.
         */
        void run(List<String> awakeCommand) throws Exception {
            try {
                while (supervisor.run(server, resumed) == Supervisor.Ending.REST) {
                    try {
                        ProcessImage.handOnListener(files.socket());
                        ProcessImage.replaceWith(RestingMain.command(awakeCommand, project));
                    } catch (RuntimeFailure e) {
                        log.accept("cannot rest: " + e.getMessage() + "; the supervisor stays awake");
                        supervisor.stayAwake();
                    }
                }
            } finally {
                // Closed, the socket resets a command's connection that waits in its backlog: that command fails
                // instead of waiting for an answer that will not come.
                server.close();
                Files.deleteIfExists(files.socket());
                Files.deleteIfExists(files.pidFile());
                log.accept("supervisor of project " + files.project() + " ends");
            }
        }
    }

    /**
     * The stack as the supervisor last applied it, written before it rested: all of its services were active then,
     * so every profile is selected. The stack files themselves may have changed since; they apply at the next
     * {@code up}, as they would have without a rest.
     */
    static GlobalOptions lastApplied(SupervisorFiles files, SupervisorArguments args) {
        if (!Files.isRegularFile(files.stackSnapshot())) {
            return args.global();
        }
        GlobalOptions global = new GlobalOptions();
        global.projectName = args.project();
        global.addFile(files.stackSnapshot());
        global.addProfile("*");
        return global;
    }

    /**
     * How long nothing must be due before the supervisor rests: {@value #REST_VARIABLE} in seconds, or {@code never};
     * {@value #REST_DEFAULT_SECONDS} s when unset.
     */
    static Optional<Duration> restAfter(Map<String, String> env, Consumer<String> log) {
        String value = env.getOrDefault(REST_VARIABLE, "").trim();
        if (value.isEmpty()) {
            return Optional.of(Duration.ofSeconds(REST_DEFAULT_SECONDS));
        }
        if (value.equals("never")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
        } catch (NumberFormatException e) {
            log.accept(REST_VARIABLE + "=" + value + " is neither a number of seconds nor never: resting after "
                    + REST_DEFAULT_SECONDS + " s");
            return Optional.of(Duration.ofSeconds(REST_DEFAULT_SECONDS));
        }
    }
}
