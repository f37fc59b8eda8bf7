package dev.jstack.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Owns the reading of runc's own state files ({@code <root>/<id>/state.json}), which answers what {@code runc state}
 * and {@code runc list} answer without starting a process per question. The status is derived as runc derives it:
 * stopped when the init process is gone or is another process (its start time differs), created while the exec
 * fifo is still there, paused when the container's freezer says so, running otherwise.
 *
 * <p>An answer it cannot read (a file being replaced, a layout it does not know) is {@link Answer#UNKNOWN}, and the
 * caller asks the runtime's CLI instead.
 */
final class RuncStateFiles {
    private static final String STATE = "state.json";
    private static final String EXEC_FIFO = "exec.fifo";

    private static final Path CGROUP_MOUNTS = Path.of("/sys/fs/cgroup");

    private final Path root;
    private final Path cgroupMounts;
    private final Map<Path, Parsed> versions = new ConcurrentHashMap<>();

    /** Reads the state files under {@code root} (runc's --root; /run/runc by default for root). */
    RuncStateFiles(Path root) {
        this(root, CGROUP_MOUNTS);
    }

    /** {@code cgroupMounts}: where every cgroup a state file names must lie for {@link #stoppedLeftovers}. */
    RuncStateFiles(Path root, Path cgroupMounts) {
        this.root = root;
        this.cgroupMounts = cgroupMounts;
    }

    /** A read's outcome: a status, known absence, or unknown (ask the CLI). */
    record Answer(Optional<ContainerStatus> status, boolean known) {
        static final Answer UNKNOWN = new Answer(Optional.empty(), false);
        static final Answer ABSENT = new Answer(Optional.empty(), true);
    }

    /** The state of container {@code id} as its files say. */
    Answer state(String id) {
        if (!Files.isDirectory(root) || id.contains("/")) {
            return Answer.UNKNOWN;
        }
        Path dir = root.resolve(id);
        try {
            return new Answer(Optional.of(status(dir, parsed(dir))), true);
        } catch (NoSuchFileException e) {
            return Files.isDirectory(dir) ? Answer.UNKNOWN : Answer.ABSENT;
        } catch (IOException | RuntimeException e) {
            return Answer.UNKNOWN;
        }
    }

    /** Whether container {@code id} has a state directory without a state file. */
    boolean fileless(String id) {
        Path dir = root.resolve(id);
        return !id.contains("/") && Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                && !Files.exists(dir.resolve(STATE), LinkOption.NOFOLLOW_LINKS);
    }

    /** Drops what was parsed of container {@code id}'s state file, once the container is deleted. */
    void forget(String id) {
        versions.remove(root.resolve(id));
    }

    /** A container's init process: its pid and its start (clock ticks since boot), as runc recorded them. */
    record Init(int pid, long start) {
    }

    /**
     * The init process of container {@code id} when its files say it runs: not when it is created and waits to
     * start, paused, stopped, absent or unreadable, where the runtime's CLI has more to do than a signal.
     */
    Optional<Init> runningInit(String id) {
        return readable(id).filter(read -> status(read.dir(), read.state()).isRunning())
                .map(read -> new Init(read.state().pid(), read.state().start()));
    }

    /** The pid runc recorded for container {@code id}'s init, which its state file keeps after the init ended. */
    OptionalInt initPid(String id) {
        return readable(id).map(read -> read.state().pid()).filter(pid -> pid > 0).map(OptionalInt::of)
                .orElse(OptionalInt.empty());
    }

    /** A container's state directory and its state file as parsed. */
    private record Read(Path dir, RuncState state) {
    }

    // Empty where the root is not there, the id is not a name, or the file cannot be read or parsed.
    private Optional<Read> readable(String id) {
        if (!Files.isDirectory(root) || id.contains("/")) {
            return Optional.empty();
        }
        Path dir = root.resolve(id);
        try {
            return Optional.of(new Read(dir, parsed(dir)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** What a stopped container leaves on the host: its state directory and its cgroups' directories. */
    record Leftovers(Path stateDir, List<Path> cgroups) {
    }

    /**
     * What container {@code id} leaves, when its files say it is stopped and that runc's {@code delete} would undo
     * nothing else (a plain teardown, see {@link RuncState}); empty when it runs, is absent or unreadable, asks more of
     * runc, or names a cgroup that is not below a hierarchy's root under the cgroup mounts.
     */
    Optional<Leftovers> stoppedLeftovers(String id) {
        Optional<Read> read = readable(id);
        if (read.isEmpty() || !read.get().state().plainTeardown()
                || !status(read.get().dir(), read.get().state()).status().equals("stopped")) {
            return Optional.empty();
        }
        // A group lies below a hierarchy's root: /sys/fs/cgroup/<hierarchy>/..., or /sys/fs/cgroup/... where
        // /sys/fs/cgroup is itself the unified hierarchy (cgroup v2 alone), whose root has cgroup.controllers.
        int rootDepth = cgroupMounts.getNameCount()
                + (Files.exists(cgroupMounts.resolve("cgroup.controllers")) ? 0 : 1);
        List<Path> cgroups = new ArrayList<>();
        for (String group : new TreeSet<>(read.get().state().cgroupPaths().values())) {
            Path path;
            try {
                path = Path.of(group);
            } catch (InvalidPathException e) {
                return Optional.empty();
            }
            if (!path.isAbsolute() || !path.normalize().equals(path) || !path.startsWith(cgroupMounts)
                    || path.getNameCount() <= rootDepth) {
                return Optional.empty();
            }
            cgroups.add(path);
        }
        return Optional.of(new Leftovers(read.get().dir(), cgroups));
    }

    /** Every container whose id starts with {@code prefix}, sorted by id; empty when any file cannot be read. */
    Optional<List<ContainerStatus>> list(String prefix) {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        List<ContainerStatus> result = new ArrayList<>();
        try (var dirs = Files.newDirectoryStream(root, entry -> entry.getFileName().toString().startsWith(prefix))) {
            for (Path dir : dirs) {
                Answer answer = state(dir.getFileName().toString());
                if (!answer.known()) {
                    return Optional.empty();
                }
                answer.status().ifPresent(result::add);
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        result.sort(Comparator.comparing(ContainerStatus::id));
        return Optional.of(List.copyOf(result));
    }

    /** A state file as parsed, and what identifies that version of it: the file, its time and its size. */
    private record Parsed(Object fileKey, FileTime modified, long size, RuncState state) {
        boolean sameVersion(BasicFileAttributes attributes) {
            return fileKey.equals(attributes.fileKey()) && modified.equals(attributes.lastModifiedTime())
                    && size == attributes.size();
        }
    }

    /**
     * The state file of the container in {@code dir}, parsed once for as long as it is the same version: runc writes
     * it whole under another name and renames that over it, so a new version is a new file. A {@code down} asks four
     * times about each container (whether it runs, to signal it, to wait for it, and what its removal undoes), and a
     * parse tokenizes the container's whole configuration.
     */
    private RuncState parsed(Path dir) throws IOException {
        Path file = dir.resolve(STATE);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            versions.remove(dir);
            throw e;
        }
        Parsed known = versions.get(dir);
        if (known != null && known.sameVersion(attributes)) {
            return known.state();
        }
        RuncState state = RuncState.parse(Files.readAllBytes(file));
        if (attributes.fileKey() != null) {
            versions.put(dir, new Parsed(attributes.fileKey(), attributes.lastModifiedTime(), attributes.size(),
                    state));
        }
        return state;
    }

    private static ContainerStatus status(Path dir, RuncState state) {
        Path bundle = state.bundle();
        if (state.pid() <= 0 || !ProcStat.alive(state.pid(), state.start())) {
            return new ContainerStatus(state.id(), "stopped", 0, bundle);
        }
        if (Files.exists(dir.resolve(EXEC_FIFO))) {
            return new ContainerStatus(state.id(), "created", state.pid(), bundle);
        }
        String status = frozen(state.cgroupPaths()) ? "paused" : "running";
        return new ContainerStatus(state.id(), status, state.pid(), bundle);
    }

    private static boolean frozen(Map<String, String> cgroupPaths) {
        String freezer = cgroupPaths.getOrDefault("freezer", "");
        if (!freezer.isEmpty()) {
            return read(Path.of(freezer, "freezer.state")).startsWith("FROZEN");
        }
        String unified = cgroupPaths.getOrDefault("", "");
        return !unified.isEmpty() && read(Path.of(unified, "cgroup.freeze")).startsWith("1");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return "";
        }
    }
}
