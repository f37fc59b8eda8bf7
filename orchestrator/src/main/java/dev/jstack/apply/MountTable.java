package dev.jstack.apply;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads this process's mount table (/proc/self/mountinfo) to answer one question before jstack deletes a
 * directory: is anything still mounted at or below it? A recursive delete must never walk into the host's root.
 */
public final class MountTable {
    private final Path mountinfo;

    public MountTable(Path mountinfo) {
        this.mountinfo = mountinfo;
    }

    public static MountTable self() {
        return new MountTable(Path.of("/proc/self/mountinfo"));
    }

    /** The mount points at or below {@code dir}, in the table's order. */
    public List<Path> at(Path dir) throws IOException {
        return read().at(dir);
    }

    /** The table as it is now, to answer for several directories in which nothing is mounted meanwhile. */
    public Snapshot read() throws IOException {
        return new Snapshot(Files.exists(mountinfo) ? Files.readAllLines(mountinfo) : List.of());
    }

    /** The mount table as read once. */
    public static final class Snapshot {
        private final List<String> lines;

        private Snapshot(List<String> lines) {
            this.lines = lines;
        }

        /**
         * The mount points at or below {@code dir}, in the table's order. The table names mount points without
         * symlinks, so {@code dir} is resolved first where it exists.
         */
        public List<Path> at(Path dir) {
            Path real = dir.toAbsolutePath().normalize();
            try {
                real = real.toRealPath();
            } catch (IOException e) {
                // Not there: nothing is mounted on it.
            }
            List<Path> out = new ArrayList<>();
            // Only lines holding the directory as mountinfo writes it can name a mount below it; with many
            // containers the table has thousands of lines, so the others are not split.
            String needle = escape(real.toString());
            for (String line : lines) {
                if (!line.contains(needle)) {
                    continue;
                }
                String[] fields = line.split(" ");
                if (fields.length > 4) {
                    Path point = Path.of(unescape(fields[4]));
                    if (point.startsWith(real)) {
                        out.add(point);
                    }
                }
            }
            return out;
        }
    }

    /** The inverse of {@link #unescape}. */
    static String escape(String path) {
        StringBuilder out = new StringBuilder();
        for (char c : path.toCharArray()) {
            if (c == ' ' || c == '\t' || c == '\n' || c == '\\') {
                out.append('\\').append(String.format("%03o", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** mountinfo writes space, tab, newline and backslash as three octal digits after a backslash. */
    static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
