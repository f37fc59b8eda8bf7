package dev.jstack.supervise;

import dev.jstack.runtime.ProcStat;
import dev.jstack.state.JsonDocuments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a supervisor keeps across a rest: the init processes the resting program watches, each known by pid and by
 * the time it started (a pid alone can be reused); the services that ended and stay down under their restart
 * policy, with their exit codes; and the services the user had stopped before this supervisor started (see
 * {@link Watcher}), which a wake must not take for new ones. One line each, read without any library, since the
 * resting program keeps as few classes as it can:
 * {@code watch SERVICE PID START}, {@code down SERVICE EXIT|-}, {@code inherited SERVICE}.
 */
public record RestState(Map<String, Process> watched, Map<String, OptionalInt> down, Set<String> inherited) {

    /** One init process: its pid and its start time in clock ticks since boot (/proc/PID/stat, field 22). */
    public record Process(int pid, long startTime) {
    }

    public RestState {
        watched = new TreeMap<>(watched);
        down = new TreeMap<>(down);
        inherited = new TreeSet<>(inherited);
    }

    /**
     * The state with each of {@code pids} and its start time read now; empty when one of them has ended already
     * (the supervisor then stays awake to handle it).
     */
    static Optional<RestState> of(Map<String, Integer> pids, Map<String, OptionalInt> down, Set<String> inherited) {
        SortedMap<String, Process> watched = new TreeMap<>();
        for (Map.Entry<String, Integer> e : pids.entrySet()) {
            Optional<ProcStat> stat = ProcStat.of(e.getValue());
            if (stat.isEmpty() || stat.get().ended()) {
                return Optional.empty();
            }
            watched.put(e.getKey(), new Process(e.getValue(), stat.get().startTime()));
        }
        return Optional.of(new RestState(watched, down, inherited));
    }

    /** The first service whose init process has ended (gone, a zombie, or its pid reused), if any. */
    public Optional<String> firstEnded() {
        for (Map.Entry<String, Process> e : watched.entrySet()) {
            Optional<ProcStat> stat = ProcStat.of(e.getValue().pid());
            if (stat.isEmpty() || stat.get().ended() || stat.get().startTime() != e.getValue().startTime()) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    public void write(Path file) throws IOException {
        StringBuilder text = new StringBuilder();
        watched.forEach((service, p) -> text.append("watch ").append(service).append(' ').append(p.pid())
                .append(' ').append(p.startTime()).append('\n'));
        down.forEach((service, exit) -> text.append("down ").append(service).append(' ')
                .append(exit.isPresent() ? Integer.toString(exit.getAsInt()) : "-").append('\n'));
        inherited.forEach(service -> text.append("inherited ").append(service).append('\n'));
        JsonDocuments.replaceText(file, text.toString());
    }

    /** The state in {@code file}; throws naming the line it cannot read. */
    public static RestState read(Path file) throws IOException {
        RestState state = new RestState(new TreeMap<>(), new TreeMap<>(), new TreeSet<>());
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !state.add(line.trim().split(" "))) {
                throw new IOException(file + ": cannot read the line \"" + line + "\"");
            }
        }
        return state;
    }

    private boolean add(String[] fields) {
        try {
            switch (fields[0]) {
                case "watch" -> watched.put(fields[1],
                        new Process(Integer.parseInt(fields[2]), Long.parseLong(fields[3])));
                case "down" -> down.put(fields[1],
                        fields[2].equals("-") ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(fields[2])));
                case "inherited" -> inherited.add(fields[1]);
                default -> {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
