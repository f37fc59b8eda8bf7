package dev.jstack.runtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import java.util.TreeMap;
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
    private static final JsonFactory JSON = new JsonFactory();
    private static final String STATE = "state.json";
    private static final String EXEC_FIFO = "exec.fifo";
    private static final String BUNDLE_LABEL = "bundle=";

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

    /** A container's init process: its pid and its start (clock ticks since boot), as runc recorded them. */
    record Init(int pid, long start) {
    }

    /**
     * The init process of container {@code id} when its files say it runs: not when it is created and waits to
     * start, paused, stopped, absent or unreadable, where the runtime's CLI has more to do than a signal.
     */
    Optional<Init> runningInit(String id) {
        if (!Files.isDirectory(root) || id.contains("/")) {
            return Optional.empty();
        }
        Path dir = root.resolve(id);
        try {
            State state = parsed(dir);
            return status(dir, state).isRunning() ? Optional.of(new Init(state.pid(), state.start()))
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** What a stopped container leaves on the host: its state directory and its cgroups' directories. */
    record Leftovers(Path stateDir, List<Path> cgroups) {
    }

    /**
     * What container {@code id} leaves, when its files say it is stopped and that runc's {@code delete} would undo
     * nothing else (a plain teardown, see {@link Config}); empty when it runs, is absent or unreadable, asks more of
     * runc, or names a cgroup that is not below a hierarchy's root under the cgroup mounts.
     */
    Optional<Leftovers> stoppedLeftovers(String id) {
        if (!Files.isDirectory(root) || id.contains("/")) {
            return Optional.empty();
        }
        Path dir = root.resolve(id);
        try {
            State state = parsed(dir);
            if (!state.plainTeardown() || !status(dir, state).status().equals("stopped")) {
                return Optional.empty();
            }
            // A group lies below a hierarchy's root: /sys/fs/cgroup/<hierarchy>/..., or /sys/fs/cgroup/... where
            // /sys/fs/cgroup is itself the unified hierarchy (cgroup v2 alone), whose root has cgroup.controllers.
            int rootDepth = cgroupMounts.getNameCount()
                    + (Files.exists(cgroupMounts.resolve("cgroup.controllers")) ? 0 : 1);
            List<Path> cgroups = new ArrayList<>();
            for (String group : new TreeSet<>(state.cgroupPaths().values())) {
                Path path = Path.of(group);
                if (!path.isAbsolute() || !path.normalize().equals(path) || !path.startsWith(cgroupMounts)
                        || path.getNameCount() <= rootDepth) {
                    return Optional.empty();
                }
                cgroups.add(path);
            }
            return Optional.of(new Leftovers(dir, cgroups));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
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
    private record Parsed(Object fileKey, FileTime modified, long size, State state) {
        boolean sameVersion(BasicFileAttributes attributes) {
            return fileKey.equals(attributes.fileKey()) && modified.equals(attributes.lastModifiedTime())
                    && size == attributes.size();
        }
    }

    /**
     * The state file of the container in {@code dir}, parsed once for as long as it is the same version: runc writes
     * it whole under another name and renames that over it, so a new version is a new file. A {@code down} asks five
     * times about each container (whether it runs, to signal it, to wait for it, whether it is there to remove, and
     * what its removal undoes), and a parse tokenizes the container's whole configuration.
     */
    private State parsed(Path dir) throws IOException {
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
        State state = State.parse(Files.readAllBytes(file));
        if (attributes.fileKey() != null) {
            versions.put(dir, new Parsed(attributes.fileKey(), attributes.lastModifiedTime(), attributes.size(), state));
        }
        return state;
    }

    private static ContainerStatus status(Path dir, State state) {
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

    /**
     * The fields of a state file that a status needs. The file holds the container's whole configuration (8 KB
     * and more), which is skipped token by token rather than built into a tree: at 100 containers building the
     * trees was a fifth of the CPU time of {@code ps}. {@code plainTeardown}: whether runc's delete of the stopped
     * container would undo only its cgroups and its state directory.
     */
    record State(String id, int pid, long start, List<String> labels, Map<String, String> cgroupPaths,
                 boolean plainTeardown) {

        static State parse(byte[] json) throws IOException {
            try (JsonParser p = JSON.createParser(json)) {
                expect(p, p.nextToken(), JsonToken.START_OBJECT);
                String id = null;
                int pid = 0;
                long start = -1;
                Config config = Config.UNKNOWN;
                Map<String, String> cgroupPaths = null;
                boolean plainState = true;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    switch (name) {
                        case "id" -> id = p.getValueAsString();
                        case "init_process_pid" -> pid = p.getValueAsInt(0);
                        case "init_process_start" -> start = p.getValueAsLong(-1);
                        case "config" -> config = Config.parse(p, value);
                        case "cgroup_paths" -> cgroupPaths = strings(p, value);
                        case "rootless" -> plainState &= value == JsonToken.VALUE_FALSE;
                        case "intel_rdt_path" -> plainState &= absent(p, value);
                        default -> p.skipChildren();
                    }
                }
                expect(p, p.currentToken(), JsonToken.END_OBJECT);
                if (id == null) {
                    throw new IOException("no id");
                }
                return new State(id, pid, start, config.labels(), cgroupPaths == null ? Map.of() : cgroupPaths,
                        plainState && config.plainTeardown() && cgroupPaths != null);
            }
        }

        Path bundle() {
            for (String label : labels) {
                if (label.startsWith(BUNDLE_LABEL)) {
                    return Path.of(label.substring(BUNDLE_LABEL.length()));
                }
            }
            return null;
        }

        // cgroup_paths: subsystem -> directory; runc names the unified hierarchy "".
        private static Map<String, String> strings(JsonParser p, JsonToken object) throws IOException {
            Map<String, String> out = new TreeMap<>();
            if (object != JsonToken.START_OBJECT) {
                p.skipChildren();
                return out;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                if (p.nextToken() == JsonToken.VALUE_STRING) {
                    out.put(key, p.getText());
                } else {
                    p.skipChildren();
                }
            }
            return out;
        }
    }

    /**
     * The parts of a state file's configuration read here: its labels, and whether runc's {@code delete} of the
     * stopped container would undo only its cgroups and its state directory. That is so when the configuration
     * names no post-stop hook, has cgroupfs (not systemd) manage its cgroups, is not rootless, hands over no network
     * device and gives the container a PID namespace of its own: without one, runc kills whatever is left in the
     * container's cgroups first. Anything else, or a configuration without these fields, is not plain.
     */
    private record Config(List<String> labels, boolean plainTeardown) {
        static final Config UNKNOWN = new Config(List.of(), false);
        private static final String PID_NAMESPACE = "NEWPID";

        static Config parse(JsonParser p, JsonToken config) throws IOException {
            if (config != JsonToken.START_OBJECT) {
                p.skipChildren();
                return UNKNOWN;
            }
            List<String> labels = new ArrayList<>();
            boolean plain = true;
            boolean cgroupfs = false;
            boolean ownPidNamespace = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "labels" -> labels(p, value, labels);
                    case "Hooks", "hooks" -> plain &= noPoststop(p, value);
                    case "cgroups" -> cgroupfs = cgroupfs(p, value);
                    case "namespaces" -> ownPidNamespace = ownPidNamespace(p, value);
                    case "rootless_euid", "rootless_cgroups" -> plain &= value == JsonToken.VALUE_FALSE;
                    case "net_devices" -> plain &= absent(p, value);
                    default -> p.skipChildren();
                }
            }
            return new Config(labels, plain && cgroupfs && ownPidNamespace);
        }

        private static void labels(JsonParser p, JsonToken value, List<String> labels) throws IOException {
            if (value != JsonToken.START_ARRAY) {
                p.skipChildren();
                return;
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                expect(p, t, JsonToken.VALUE_STRING);
                labels.add(p.getText());
            }
        }

        // Hooks: {"poststop": [...] or null, ...}; null as a whole is no hook at all.
        private static boolean noPoststop(JsonParser p, JsonToken value) throws IOException {
            if (value == JsonToken.VALUE_NULL) {
                return true;
            }
            expect(p, value, JsonToken.START_OBJECT);
            boolean none = true;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String hook = p.currentName();
                JsonToken hooks = p.nextToken();
                if (hook.equalsIgnoreCase("poststop")) {
                    none &= absent(p, hooks);
                } else {
                    p.skipChildren();
                }
            }
            return none;
        }

        // cgroups: managed by cgroupfs when "Systemd" and "Rootless" are both there and false.
        private static boolean cgroupfs(JsonParser p, JsonToken value) throws IOException {
            if (value != JsonToken.START_OBJECT) {
                p.skipChildren();
                return false;
            }
            boolean systemdFalse = false;
            boolean rootlessFalse = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken field = p.nextToken();
                switch (name) {
                    case "Systemd" -> systemdFalse = field == JsonToken.VALUE_FALSE;
                    case "Rootless" -> rootlessFalse = field == JsonToken.VALUE_FALSE;
                    default -> p.skipChildren();
                }
            }
            return systemdFalse && rootlessFalse;
        }

        // namespaces: [{"type": "NEWPID", "path": ""}, ...]; a path joins an existing namespace.
        private static boolean ownPidNamespace(JsonParser p, JsonToken value) throws IOException {
            if (value != JsonToken.START_ARRAY) {
                p.skipChildren();
                return false;
            }
            boolean own = false;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                expect(p, t, JsonToken.START_OBJECT);
                String type = "";
                String path = "";
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken field = p.nextToken();
                    switch (name) {
                        case "type" -> type = p.getValueAsString("");
                        case "path" -> path = p.getValueAsString("");
                        default -> p.skipChildren();
                    }
                }
                own |= type.equals(PID_NAMESPACE) && path.isEmpty();
            }
            return own;
        }
    }

    // null, an empty string, array or object: nothing of that kind to undo.
    private static boolean absent(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return true;
        }
        if (value == JsonToken.VALUE_STRING) {
            return p.getText().isEmpty();
        }
        if (value == JsonToken.START_ARRAY || value == JsonToken.START_OBJECT) {
            JsonToken end = value == JsonToken.START_ARRAY ? JsonToken.END_ARRAY : JsonToken.END_OBJECT;
            if (p.nextToken() == end) {
                return true;
            }
            p.skipChildren();
            for (JsonToken t = p.nextToken(); t != end; t = p.nextToken()) {
                if (t == null) {
                    throw new IOException("the file ends inside " + value);
                }
                p.skipChildren();
            }
        }
        return false;
    }

    private static void expect(JsonParser p, JsonToken got, JsonToken wanted) throws IOException {
        if (got != wanted) {
            throw new IOException("expected " + wanted + " but found " + got + " at " + p.currentLocation());
        }
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
