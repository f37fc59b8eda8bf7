package dev.jstack.cli;

import dev.jstack.apply.Project;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * Reads the services' log files (kept under /var/lib/jstack, so they outlive jstack's process) and prints each
 * line as {@code service | line}, the name padded to the longest and coloured when stdout is a terminal.
 */
final class LogTail {
    private static final String[] COLOURS = {"36", "33", "32", "35", "34", "96", "93", "92", "95", "94"};
    private static final long POLL_MILLIS = 200;

    private final Project project;
    private final PrintWriter out;
    private final boolean colour;
    private final List<String> services;
    private final int width;

    LogTail(Project project, PrintWriter out, boolean colour) {
        this.project = project;
        this.out = out;
        this.colour = colour;
        this.services = List.copyOf(project.stack().services().keySet());
        this.width = services.stream().mapToInt(String::length).max().orElse(0);
    }

    /** Colours only when stdout is a terminal. */
    static boolean colours() {
        return System.console() != null;
    }

    /** The current size of each service's log file (0 when there is none yet). */
    static Map<String, Long> sizes(Project project, Collection<String> services) throws IOException {
        Map<String, Long> out = new TreeMap<>();
        for (String s : services) {
            Path log = project.paths().logFile(project.paths().containerId(s));
            out.put(s, Files.exists(log) ? Files.size(log) : 0L);
        }
        return out;
    }

    /** Prints the last {@code lines} lines (all when negative) of each service's log, service by service. */
    void tail(List<String> selected, int lines) throws IOException {
        for (String s : selected) {
            Path log = logOf(s);
            if (!Files.exists(log)) {
                continue;
            }
            Deque<String> last = new ArrayDeque<>();
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                last.addLast(line);
                if (lines >= 0 && last.size() > lines) last.removeFirst();
            }
            last.forEach(line -> print(s, line));
        }
        out.flush();
    }

    /** Prints what is appended to the logs after {@code offsets}, until {@code stop} says so (then drains). */
    void follow(Map<String, Long> offsets, BooleanSupplier stop) {
        Map<String, Long> at = new TreeMap<>(offsets);
        Map<String, StringBuilder> partial = new TreeMap<>();
        while (true) {
            boolean last = stop.getAsBoolean();
            for (String s : at.keySet()) {
                at.put(s, drain(s, at.get(s), partial.computeIfAbsent(s, k -> new StringBuilder())));
            }
            out.flush();
            if (last) {
                return;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    // Reads from offset to the end, printing whole lines; a file that shrank was recreated: read it from 0.
    private long drain(String service, long offset, StringBuilder partial) {
        Path log = logOf(service);
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long from = file.length() < offset ? 0 : offset;
            byte[] bytes = new byte[(int) Math.min(file.length() - from, 1 << 20)];
            file.seek(from);
            file.readFully(bytes);
            partial.append(new String(bytes, StandardCharsets.UTF_8));
            int nl;
            while ((nl = partial.indexOf("\n")) >= 0) {
                print(service, partial.substring(0, nl));
                partial.delete(0, nl + 1);
            }
            return from + bytes.length;
        } catch (IOException e) {
            return offset;
        }
    }

    private Path logOf(String service) {
        return project.paths().logFile(project.paths().containerId(service));
    }

    private void print(String service, String line) {
        String name = service + " ".repeat(width - service.length());
        if (colour) {
            String c = COLOURS[Math.max(0, services.indexOf(service)) % COLOURS.length];
            out.println("\u001b[" + c + "m" + name + " |\u001b[0m " + line);
        } else {
            out.println(name + " | " + line);
        }
    }

    static List<String> orAll(List<String> selected, Project project) {
        return selected.isEmpty() ? new ArrayList<>(project.stack().services().keySet()) : selected;
    }
}
