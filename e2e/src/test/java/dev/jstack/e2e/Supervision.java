package dev.jstack.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** What /proc says of a project's supervisor: its pid file, the live processes whose command line names it. */
final class Supervision {
    private Supervision() {
    }

    /** The pid in the project's supervisor pid file ({@code PID [START]}), or 0. */
    static int pidFile(Jstack jstack) {
        String[] fields = pidFileFields(jstack);
        return fields.length > 0 ? Integer.parseInt(fields[0]) : 0;
    }

    /**
     * The JVM that runs a command of the launcher {@code launcher}: the launcher's own process, which becomes java,
     * or for {@code up -d} its child, which may go on as the project's supervisor; empty while it has none.
     */
    static java.util.Optional<ProcessHandle> jvmOf(ProcessHandle launcher) {
        return isJava(launcher) ? java.util.Optional.of(launcher)
                : launcher.children().filter(Supervision::isJava).findFirst();
    }

    private static boolean isJava(ProcessHandle process) {
        return process.info().command().map(c -> c.endsWith("/java")).orElse(false);
    }

    private static String[] pidFileFields(Jstack jstack) {
        try {
            String[] fields = Files.readString(Path.of("/run/jstack", jstack.project(), "supervisor", "pid")).trim()
                    .split(" ");
            return fields[0].matches("\\d+") ? fields : new String[0];
        } catch (IOException e) {
            return new String[0];
        }
    }

    /**
     * Live supervisors of the project: processes running {@code jstack supervise PROJECT}, and the process that the
     * pid file names with its start time (a cold {@code up -d}'s own process, which goes on as the supervisor).
     */
    static List<Integer> processes(Jstack jstack) throws IOException {
        int recorded = recordedAndAlive(jstack);
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .map(p -> Integer.parseInt(p.getFileName().toString()))
                    .filter(pid -> pid == recorded || isSupervisorOf(pid, jstack.project()))
                    .filter(Kernel::processAlive).sorted().toList();
        }
    }

    // The pid file's process when it started when the file says, else 0.
    private static int recordedAndAlive(Jstack jstack) throws IOException {
        String[] fields = pidFileFields(jstack);
        if (fields.length < 2) {
            return 0;
        }
        int pid = Integer.parseInt(fields[0]);
        try {
            return startTicks(pid) == Long.parseLong(fields[1]) ? pid : 0;
        } catch (IOException gone) {
            return 0;
        }
    }

    private static boolean isSupervisorOf(int pid, String project) {
        List<String> words = commandLine(pid);
        return words.contains("supervise") && words.contains(project);
    }

    /** The words of a process's command line; empty when it is gone. */
    static List<String> commandLine(int pid) {
        try {
            return List.of(Files.readString(Path.of("/proc/" + pid + "/cmdline"), StandardCharsets.UTF_8)
                    .split("\0"));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The parent pid of a process, from /proc/PID/status. */
    static int parent(int pid) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(l -> l.startsWith("PPid:")).map(l -> Integer.parseInt(l.substring(5).trim()))
                .findFirst().orElse(0);
    }

    /**
     * The parent of {@code pid} once it is {@code expected}, or a failure after 10 s. A container that the supervisor
     * starts is first the child of the runc that runs it, and becomes the supervisor's (its subreaper's) child when
     * that runc exits: a test that sees the container running by polling, rather than by waiting for the command
     * that started it, may look in between.
     */
    static int awaitParent(int pid, int expected) {
        return Eventually.await("the parent of " + pid + " to be " + expected, Duration.ofSeconds(10), () -> {
            try {
                return parent(pid);
            } catch (IOException e) {
                return 0;
            }
        }, parent -> parent == expected);
    }

    /** When a process started, in clock ticks since boot (field 22 of /proc/PID/stat). */
    static long startTicks(int pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[19]);
    }
}
