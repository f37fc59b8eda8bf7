package dev.jstack.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a process's cgroup limits from the kernel's files, on cgroup v1 (per controller) and v2 (unified). */
final class Cgroups {
    private Cgroups() {
    }

    /** The value of a limit file of {@code pid}'s cgroup: v1 {@code controller/file1}, else v2 {@code file2}. */
    static String limit(int pid, String controller, String v1File, String v2File) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/cgroup"))) {
            String[] parts = line.split(":", 3);
            boolean v1 = java.util.Arrays.asList(parts[1].split(",")).contains(controller);
            Path dir = v1 ? Path.of("/sys/fs/cgroup", controller, parts[2])
                    : Path.of("/sys/fs/cgroup", parts[2]);
            Path file = dir.resolve(v1 ? v1File : v2File);
            if ((v1 || parts[1].isEmpty()) && Files.exists(file)) {
                return Files.readString(file).trim();
            }
        }
        throw new AssertionError("no " + controller + " cgroup file for pid " + pid);
    }
}
