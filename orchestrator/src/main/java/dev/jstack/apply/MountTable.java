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
        List<Path> out = new ArrayList<>();
        if (!Files.exists(mountinfo)) {
            return out;
        }
        // Only lines holding the directory as mountinfo writes it can name a mount below it; with many containers
        // the table has thousands of lines, so the others are not split.
        String needle = escape(dir.toString());
        for (String line : Files.readAllLines(mountinfo)) {
            if (!line.contains(needle)) {
                continue;
            }
            String[] fields = line.split(" ");
            if (fields.length > 4) {
                Path point = Path.of(unescape(fields[4]));
                if (point.startsWith(dir)) {
                    out.add(point);
                }
            }
        }
        return out;
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
