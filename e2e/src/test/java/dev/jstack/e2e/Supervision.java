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

    /** The pid in the project's supervisor pid file, or 0. */
    static int pidFile(Jstack jstack) {
        try {
            return Integer.parseInt(Files.readString(
                    Path.of("/run/jstack", jstack.project(), "supervisor", "pid")).trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** Live processes running {@code jstack supervise PROJECT}. */
    static List<Integer> processes(Jstack jstack) throws IOException {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .filter(p -> isSupervisorOf(p, jstack.project()))
                    .map(p -> Integer.parseInt(p.getFileName().toString()))
                    .filter(Kernel::processAlive).sorted().toList();
        }
    }

    private static boolean isSupervisorOf(Path proc, String project) {
        List<String> words = commandLine(Integer.parseInt(proc.getFileName().toString()));
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
