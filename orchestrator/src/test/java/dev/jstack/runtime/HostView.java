package dev.jstack.runtime;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the host sees of a container: its namespaces and cgroups in /proc and /sys/fs/cgroup. */
final class HostView {

    private static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");

    private HostView() {
    }

    static Path nsPath(Object pid, String ns) {
        return Path.of("/proc", String.valueOf(pid), "ns", ns);
    }

    /** The namespace's identity as the kernel prints it, e.g. {@code net:[4026531840]}. */
    static String namespace(Object pid, String ns) throws IOException {
        return Files.readSymbolicLink(nsPath(pid, ns)).toString();
    }

    static String statusField(int pid, String field) throws IOException {
        return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                .filter(l -> l.startsWith(field + ":")).findFirst().orElseThrow()
                .substring(field.length() + 1).strip();
    }

    /** The options of the mount at {@code mountPoint} in the process's mount namespace, if something is mounted. */
    static java.util.Optional<List<String>> mountOptions(int pid, String mountPoint) throws IOException {
        java.util.Optional<List<String>> found = java.util.Optional.empty();
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "mountinfo"))) {
            String[] f = line.split(" ");
            if (f[4].equals(mountPoint)) {
                found = java.util.Optional.of(List.of(f[5].split(",")));
            }
        }
        return found;
    }

    /** A cgroup file of the process: the v1 controller's when it is mounted, else the unified one's. */
    static String cgroupValue(int pid, String controller, String v1File, String v2File) throws IOException {
        List<String> mounts = Files.readAllLines(Path.of("/proc/self/mounts"));
        List<String> membership = Files.readAllLines(Path.of("/proc", String.valueOf(pid), "cgroup"));
        for (String mount : mounts) {
            String[] f = mount.split(" ");
            if (f[2].equals("cgroup") && List.of(f[3].split(",")).contains(controller)) {
                String path = membership.stream().map(l -> l.split(":", 3))
                        .filter(l -> List.of(l[1].split(",")).contains(controller)).findFirst().orElseThrow()[2];
                return Files.readString(Path.of(f[1] + path, v1File)).strip();
            }
        }
        for (String mount : mounts) {
            String[] f = mount.split(" ");
            if (f[2].equals("cgroup2")) {
                String path = membership.stream().filter(l -> l.startsWith("0::")).findFirst().orElseThrow()
                        .substring(3);
                return Files.readString(Path.of(f[1] + path, v2File)).strip();
            }
        }
        throw new IllegalStateException("no cgroup hierarchy has the " + controller + " controller");
    }

    /** Every directory under /sys/fs/cgroup (four levels deep) whose name contains {@code id}. */
    static List<Path> cgroupDirs(String id) throws IOException {
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(CGROUP_ROOT, EnumSet.noneOf(java.nio.file.FileVisitOption.class), 4,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                        if (d.getFileName() != null && d.getFileName().toString().contains(id)) {
                            found.add(d);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        // Other containers' cgroups come and go while we walk.
                        return FileVisitResult.CONTINUE;
                    }
                });
        found.sort(null);
        return found;
    }

    /** Runs a host command, its output discarded; returns its exit code. */
    static int run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new IllegalStateException(String.join(" ", argv) + " did not end within 60 s");
        }
        return p.exitValue();
    }
}
