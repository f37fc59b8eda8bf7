package dev.jstack.cli;

import dev.jstack.runtime.RuntimeFailure;
import dev.jstack.runtime.linux.LinuxProcessReaper;
import dev.jstack.runtime.linux.ProcessImage;
import dev.jstack.supervise.SupervisorFiles;
import dev.jstack.supervise.Supervisors;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Owns a command whose process may go on as its project's supervisor. The launcher runs {@code up -d} with a pipe
 * as the descriptor that {@value #VARIABLE} names, returns the exit code it reads there, or the process's own exit
 * status when the pipe closes without one. A command that has to start the supervisor starts it in this process
 * ({@link #start}) instead of as a second JVM, which would start, set up its native calls and load the stack again
 * before its first container. At the command's end ({@link #end}) its standard streams turn to the supervisor's log,
 * its exit code goes out on the pipe, and the process supervises on, as a supervisor of its own would: in a session
 * of its own, resting when nothing is due.
 */
final class Handoff {
    static final String VARIABLE = "JSTACK_HANDOFF_FD";
    private static final Handoff NONE = new Handoff(-1);
    private static Handoff process;

    private final int fd;
    private final CountDownLatch handedOff = new CountDownLatch(1);
    private volatile Thread supervisor;
    private volatile Path log;
    private volatile int supervisorCode = ExitCode.OK;

    private Handoff(int fd) {
        this.fd = fd;
    }

    /** This process's hand-off: the launcher's pipe, when it gave one. */
    static synchronized Handoff process() {
        if (process == null) {
            process = of(System.getenv());
        }
        return process;
    }

    /** The hand-off that {@code environment} names, when its descriptor is an open pipe; else none. */
    static Handoff of(Map<String, String> environment) {
        String value = environment.get(VARIABLE);
        if (value == null) {
            return NONE;
        }
        try {
            int fd = Integer.parseInt(value.trim());
            return fd > 2 && ProcessImage.isPipe(fd) ? new Handoff(fd) : NONE;
        } catch (NumberFormatException e) {
            return NONE;
        }
    }

    /**
     * Starts the supervisor that {@code launch} describes in this process, on a thread of its own, with its socket
     * open when this returns; false when this process cannot hand off (no pipe, or a supervisor runs here already),
     * and the supervisor must be a process of its own. It reads the same arguments as that process would, and its
     * rest runs the launch's command line to wake.
     */
    boolean start(Supervisors.Launch launch, Map<String, String> environment, SupervisorFiles files)
            throws IOException {
        if (fd < 0 || supervisor != null) {
            return false;
        }
        List<String> command = launch.command();
        int main = command.indexOf(SupervisorMain.class.getName());
        SupervisorArguments args = SupervisorArguments.parse(command.subList(main + 1, command.size()));
        try {
            LinuxProcessReaper.detachFromTerminal();
        } catch (RuntimeFailure leader) {
            // A process group's leader cannot start a session: the supervisor then runs as a process of its own.
            return false;
        }
        Files.createDirectories(files.log().getParent());
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(files.log().toFile(), true),
                StandardCharsets.UTF_8), true);
        SupervisorMain.Awake awake;
        try {
            awake = SupervisorMain.awake(args, Path.of(launch.cwd()), environment, out);
        } catch (IOException e) {
            out.close();
            throw e;
        } catch (Exception e) {
            out.close();
            throw new IOException(e.getMessage(), e);
        }
        awake.supervisor().restOnlyWhen(() -> handedOff.getCount() == 0);
        Thread thread = new Thread(() -> supervise(awake, command, out), "supervisor");
        log = files.log();
        supervisor = thread;
        thread.start();
        return true;
    }

    private void supervise(SupervisorMain.Awake awake, List<String> command, PrintWriter out) {
        try {
            awake.run(command);
        } catch (Throwable e) {
            out.println("jstack: error: the supervisor ends: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            supervisorCode = ExitCode.FAILED;
        } finally {
            out.flush();
        }
    }

    /**
     * Ends the command with {@code code}: returns it at once when no supervisor runs in this process. Otherwise
     * turns the standard streams to the supervisor's log, so that nothing of whoever started the command stays
     * open here, answers {@code code} on the pipe, and returns the supervisor's exit code once it has ended.
     */
    int end(int code) {
        Thread thread = supervisor;
        if (thread == null) {
            return code;
        }
        System.out.flush();
        System.err.flush();
        try {
            ProcessImage.redirectStandardStreams(log);
        } catch (RuntimeFailure e) {
            // Not even /dev/null opens: the caller's streams stay open until the supervisor ends.
            System.err.println("jstack: warning: the supervisor keeps this command's output: " + e.getMessage());
        }
        ProcessImage.answerAndClose(fd, code + "\n");
        handedOff.countDown();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.FAILED;
        }
        return supervisorCode;
    }
}
