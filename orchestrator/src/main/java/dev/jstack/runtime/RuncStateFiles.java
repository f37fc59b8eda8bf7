package dev.jstack.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

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
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STATE = "state.json";
    private static final String EXEC_FIFO = "exec.fifo";
    private static final String BUNDLE_LABEL = "bundle=";

    private final Path root;

    /** Reads the state files under {@code root} (runc's --root; /run/runc by default for root). */
    RuncStateFiles(Path root) {
        this.root = root;
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
            byte[] json = Files.readAllBytes(dir.resolve(STATE));
            return new Answer(Optional.of(status(dir, JSON.readTree(json))), true);
        } catch (NoSuchFileException e) {
            return Files.isDirectory(dir) ? Answer.UNKNOWN : Answer.ABSENT;
        } catch (IOException | RuntimeException e) {
            return Answer.UNKNOWN;
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

    private static ContainerStatus status(Path dir, JsonNode state) throws IOException {
        String id = state.get("id").asText();
        int pid = state.path("init_process_pid").asInt(0);
        long start = state.path("init_process_start").asLong(-1);
        Path bundle = bundle(state.path("config").path("labels"));
        if (pid <= 0 || !alive(pid, start)) {
            return new ContainerStatus(id, "stopped", 0, bundle);
        }
        if (Files.exists(dir.resolve(EXEC_FIFO))) {
            return new ContainerStatus(id, "created", pid, bundle);
        }
        String status = frozen(state.path("cgroup_paths")) ? "paused" : "running";
        return new ContainerStatus(id, status, pid, bundle);
    }

    private static Path bundle(JsonNode labels) {
        for (JsonNode label : labels) {
            String text = label.asText("");
            if (text.startsWith(BUNDLE_LABEL)) {
                return Path.of(text.substring(BUNDLE_LABEL.length()));
            }
        }
        return null;
    }

    /** Whether {@code pid} is alive and is the process that started at {@code start} (clock ticks since boot). */
    static boolean alive(int pid, long start) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return false;
        }
        // The command name may hold spaces and parentheses: the fields that follow start after the last ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[0] is field 3 (state), so field 22 (starttime) is fields[19].
        return fields.length > 19 && !fields[0].equals("Z") && !fields[0].equals("X")
                && Long.parseLong(fields[19]) == start;
    }

    private static boolean frozen(JsonNode cgroupPaths) {
        String freezer = cgroupPaths.path("freezer").asText("");
        if (!freezer.isEmpty()) {
            return read(Path.of(freezer, "freezer.state")).startsWith("FROZEN");
        }
        String unified = cgroupPaths.path("").asText("");
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
