package dev.jstack.cli;

import dev.jstack.apply.Project;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

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
    private static final int HEAD = 4096;
    // The first bytes (up to HEAD) of each log file as far as it was read. A container made again starts a new
    // file, of any size and maybe with the same inode number: if the new file does not begin with the bytes already
    // printed, it is read from the start; if it does, going on where the reading stopped prints the same lines.
    private final Map<String, byte[]> heads = new TreeMap<>();

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
            Path log = project.paths().readableLogFile(project.paths().containerId(s));
            out.put(s, Files.exists(log) ? Files.size(log) : 0L);
        }
        return out;
    }

    /**
     * Prints the last {@code lines} lines (all when negative) of each service's log, service by service, as far
     * as the file reached when this began: only whole lines. Returns, per service, where {@link #follow} goes on,
     * so a line written meanwhile is printed once, by {@code follow}, not by both.
     */
    Map<String, Long> tail(List<String> selected, int lines) throws IOException {
        Map<String, Long> next = new TreeMap<>();
        for (String s : selected) {
            Path log = logOf(s);
            if (!Files.exists(log)) {
                next.put(s, 0L);
                continue;
            }
            try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
                long end = lastNewline(file, file.length()) + 1;
                long from = lines < 0 ? 0 : startOfLast(file, end, lines);
                printRange(s, file, from, end);
                heads.put(s, head(file, end));
                next.put(s, end);
            }
        }
        out.flush();
        return next;
    }

    // The offset of the last '\n' before limit; -1 when there is none.
    private static long lastNewline(RandomAccessFile file, long limit) throws IOException {
        return scanBack(file, limit, 1);
    }

    // Where the last {@code lines} whole lines before {@code end} (which follows a '\n' or is 0) begin.
    private static long startOfLast(RandomAccessFile file, long end, int lines) throws IOException {
        if (lines == 0 || end == 0) {
            return end;
        }
        // The line ending at end-1 is one of them: count lines + 1 newlines back, the first one excluded.
        return scanBack(file, end - 1, lines) + 1;
    }

    // The offset of the count-th '\n' before limit, scanning backwards in blocks; -1 when there are fewer.
    private static long scanBack(RandomAccessFile file, long limit, int count) throws IOException {
        byte[] block = new byte[8192];
        long pos = limit;
        int found = 0;
        while (pos > 0) {
            int n = (int) Math.min(block.length, pos);
            pos -= n;
            file.seek(pos);
            file.readFully(block, 0, n);
            for (int i = n - 1; i >= 0; i--) {
                if (block[i] == '\n' && ++found == count) {
                    return pos + i;
                }
            }
        }
        return -1;
    }

    private void printRange(String service, RandomAccessFile file, long from, long end) throws IOException {
        Lines lines = new Lines();
        byte[] block = new byte[1 << 16];
        file.seek(from);
        for (long pos = from; pos < end; ) {
            int n = (int) Math.min(block.length, end - pos);
            file.readFully(block, 0, n);
            pos += n;
            lines.append(block, n, line -> print(service, line));
        }
    }

    /** Prints what is appended to the logs after {@code offsets}, until {@code stop} says so (then drains). */
    void follow(Map<String, Long> offsets, BooleanSupplier stop) {
        Map<String, Long> at = new TreeMap<>(offsets);
        Map<String, Lines> partial = new TreeMap<>();
        while (true) {
            boolean last = stop.getAsBoolean();
            for (String s : at.keySet()) {
                at.put(s, drain(s, at.get(s), partial.computeIfAbsent(s, k -> new Lines())));
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

    // Reads from offset to the end, printing whole lines; a file that was made again (shorter than the offset, or
    // not beginning as the file read so far did) is read from 0.
    private long drain(String service, long offset, Lines partial) {
        Path log = logOf(service);
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            byte[] before = heads.getOrDefault(service, new byte[0]);
            boolean remade = file.length() < offset || !Arrays.equals(before, head(file, before.length));
            long from = remade ? 0 : offset;
            if (remade) {
                partial.clear();
            }
            byte[] bytes = new byte[(int) Math.min(file.length() - from, 1 << 20)];
            file.seek(from);
            file.readFully(bytes);
            partial.append(bytes, bytes.length, line -> print(service, line));
            if (remade || (bytes.length > 0 && before.length < HEAD)) {
                heads.put(service, head(file, from + bytes.length));  // a full head never changes again
            }
            return from + bytes.length;
        } catch (IOException e) {
            return offset;
        }
    }

    // The file's first bytes up to HEAD, and not past end; fewer when the file is shorter.
    private static byte[] head(RandomAccessFile file, long end) throws IOException {
        byte[] head = new byte[(int) Math.min(Math.min(end, HEAD), file.length())];
        file.seek(0);
        file.readFully(head);
        return head;
    }

    /**
     * Bytes read but not yet printed: only whole lines are decoded, so a character cut between two reads stays
     * whole ({@code '\n'} never occurs inside a UTF-8 sequence).
     */
    private static final class Lines {
        private byte[] pending = new byte[0];

        void append(byte[] bytes, int length, Consumer<String> line) {
            byte[] all = new byte[pending.length + length];
            System.arraycopy(pending, 0, all, 0, pending.length);
            System.arraycopy(bytes, 0, all, pending.length, length);
            int start = 0;
            for (int i = 0; i < all.length; i++) {
                if (all[i] == '\n') {
                    line.accept(new String(all, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            pending = Arrays.copyOfRange(all, start, all.length);
        }

        void clear() {
            pending = new byte[0];
        }
    }

    private Path logOf(String service) {
        return project.paths().readableLogFile(project.paths().containerId(service));
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
