package dev.jstack.cli;

import dev.jstack.runtime.RuntimeFailure;
import dev.jstack.runtime.linux.ProcessImage;
import dev.jstack.state.ProjectPaths;
import dev.jstack.supervise.Resting;
import dev.jstack.supervise.SupervisorFiles;
import dev.jstack.supervise.SupervisorSocket;
import dev.jstack.supervise.RestState;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The entry point of a supervisor at rest ({@link Resting}): the program a supervisor replaces itself with when
 * nothing is due, in the same process. Its command line is {@code PROJECT -- AWAKE...}, where AWAKE is the
 * supervisor's own command line, which it runs again (with {@code --resumed}) to wake. It loads no library but
 * the JDK's own classes until it wakes, which is what keeps it small.
 */
public final class RestingMain {
    /**
     * A JVM as small as it gets for a loop that reads a few files: the classes parsed from the jar rather than an
     * archive mapped whole (the few hundred it loads take less than any archive's pages), a heap of 1 to 8 MB,
     * the quick compiler only, a small code cache.
     */
    static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms1m", "-Xmn1m", "-Xmx8m",
            "-XX:MaxHeapFreeRatio=20", "-XX:MinHeapFreeRatio=10", "-Xss256k", "-XX:TieredStopAtLevel=1",
            "-XX:CICompilerCount=1", "-XX:ReservedCodeCacheSize=4m", "-XX:MaxMetaspaceSize=32m",
            "-XX:-UsePerfData", "-Xshare:off");

    private RestingMain() {
    }

    /** The command line that rests in place of the supervisor started with {@code awake}. */
    static List<String> command(List<String> awake, String project) {
        List<String> command = new ArrayList<>();
        command.add(awake.get(0));
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), RestingMain.class.getName(), project,
                "--"));
        awake.stream().filter(a -> !a.equals(SupervisorArguments.RESUMED)).forEach(command::add);
        return command;
    }

    public static void main(String[] args) {
        PrintWriter err = new PrintWriter(System.err, true);
        if (args.length < 3 || !args[1].equals("--")) {
            err.println("jstack: error: usage: PROJECT -- COMMAND...");
            System.exit(ExitCode.INVALID);
        }
        Consumer<String> log = LogLines.to(err);
        List<String> awake = new ArrayList<>(List.of(args).subList(2, args.length));
        awake.add(SupervisorArguments.RESUMED);
        System.exit(rest(SupervisorFiles.of(ProjectPaths.onHost(args[0])), awake, log));
    }

    // Returns only when the supervisor ends; waking replaces this program.
    private static int rest(SupervisorFiles files, List<String> awake, Consumer<String> log) {
        try {
            Resting.Wake wake = new Resting(SupervisorSocket.open(files.socket()), files,
                    RestState.read(files.restState()), log).run();
            if (wake == Resting.Wake.REQUEST || wake == Resting.Wake.EXIT) {
                ProcessImage.replaceWith(awake);
            }
            end(files, log);
            return ExitCode.OK;
        } catch (IOException | RuntimeFailure e) {
            log.accept("the resting supervisor cannot go on: " + e.getMessage());
            end(files, log);
            return ExitCode.FAILED;
        }
    }

    private static void end(SupervisorFiles files, Consumer<String> log) {
        try {
            Files.deleteIfExists(files.socket());
            Files.deleteIfExists(files.pidFile());
        } catch (IOException e) {
            log.accept("cannot remove " + files.socket() + ": " + e.getMessage());
        }
        log.accept("supervisor of project " + files.project() + " ends");
    }
}
