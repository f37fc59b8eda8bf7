package dev.jstack.runtime.linux;

import dev.jstack.runtime.RuntimeFailure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One line of /proc/self/mountinfo (proc(5)), with the kernel's octal escapes ({@code \040} for a space, ...)
 * already decoded: {@code 36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue}.
 */
record MountInfo(int id, int parentId, String root, String mountPoint, List<String> options,
                 List<String> optionalFields, String fsType, String source) {

    static final Path SELF = Path.of("/proc/self/mountinfo");

    /** The mounts of this process's mount namespace, in the kernel's order (parents before their children). */
    static List<MountInfo> read() throws RuntimeFailure {
        try {
            return parse(new String(Files.readAllBytes(SELF), StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new RuntimeFailure("read " + SELF + ": " + SyscallFailure.reason(e), e);
        }
    }

    /**
     * The mounts at or below {@code path}, deepest first, as {@link #atOrBelowDeepestFirst} orders them. Only the
     * lines that hold the path as mountinfo writes it are parsed: with many containers the table holds thousands
     * of lines (each root is a copy of the host's), and parsing them all for every container was most of the
     * CPU time of creating one.
     */
    static List<MountInfo> readAtOrBelow(String path) throws RuntimeFailure {
        try {
            String text = new String(Files.readAllBytes(SELF), StandardCharsets.ISO_8859_1);
            return atOrBelowDeepestFirst(parse(text, escape(path)), path);
        } catch (IOException e) {
            throw new RuntimeFailure("read " + SELF + ": " + SyscallFailure.reason(e), e);
        }
    }

    /** Parses mountinfo text; ISO-8859-1 keeps each byte a char so that escapes decode to the right UTF-8. */
    static List<MountInfo> parse(String text) {
        return parse(text, "");
    }

    /** Parses the lines that contain {@code needle}, which the caller filters exactly afterwards. */
    static List<MountInfo> parse(String text, String needle) {
        List<MountInfo> mounts = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && line.contains(needle)) {
                mounts.add(parseLine(line));
            }
        }
        return mounts;
    }

    /** A path as mountinfo writes it: its UTF-8 bytes, one char each, with space, tab, newline, '\\' escaped. */
    static String escape(String path) {
        StringBuilder out = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\\') {
                out.append('\\').append(String.format("%03o", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static MountInfo parseLine(String line) {
        List<String> fields = Arrays.asList(line.split(" "));
        int separator = fields.indexOf("-");
        if (separator < 6 || fields.size() < separator + 3) {
            throw new IllegalArgumentException("not a mountinfo line: " + line);
        }
        return new MountInfo(Integer.parseInt(fields.get(0)), Integer.parseInt(fields.get(1)),
                unescape(fields.get(3)), unescape(fields.get(4)), List.of(fields.get(5).split(",")),
                List.copyOf(fields.subList(6, separator)), unescape(fields.get(separator + 1)),
                unescape(fields.get(separator + 2)));
    }

    /** Decodes the kernel's {@code \NNN} octal escapes of space, tab, newline and backslash. */
    static String unescape(String field) {
        if (field.chars().allMatch(c -> c != '\\' && c < 0x80)) {
            return field;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && isOctal(field, i + 1)) {
                bytes.write(Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isOctal(String s, int from) {
        for (int i = from; i < from + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }

    /** True when this mount is at {@code path} or below it; {@code path} is absolute and normalized. */
    boolean isAtOrBelow(String path) {
        return mountPoint.equals(path) || mountPoint.startsWith(path.endsWith("/") ? path : path + "/");
    }

    /** How deep the mount point is: 0 for /, 1 for /run, 2 for /run/netns. */
    int depth() {
        return mountPoint.equals("/") ? 0 : (int) mountPoint.chars().filter(c -> c == '/').count();
    }

    /**
     * The mounts at or below {@code path}, deepest first (then by mount point and id, for a stable order). Mounts
     * stacked on one point each appear: unmounting that point once per entry removes them all, top first.
     */
    static List<MountInfo> atOrBelowDeepestFirst(List<MountInfo> mounts, String path) {
        return mounts.stream().filter(m -> m.isAtOrBelow(path))
                .sorted(Comparator.comparingInt(MountInfo::depth).reversed()
                        .thenComparing(MountInfo::mountPoint).thenComparingInt(MountInfo::id))
                .toList();
    }

    /** The per-mount flags (nosuid, nodev, noexec, atime) that a read-only remount must keep. */
    long perMountFlags() {
        long flags = 0;
        for (String option : options) {
            flags |= switch (option) {
                case "ro" -> MountFlags.MS_RDONLY;
                case "nosuid" -> MountFlags.MS_NOSUID;
                case "nodev" -> MountFlags.MS_NODEV;
                case "noexec" -> MountFlags.MS_NOEXEC;
                case "noatime" -> MountFlags.MS_NOATIME;
                case "nodiratime" -> MountFlags.MS_NODIRATIME;
                case "relatime" -> MountFlags.MS_RELATIME;
                default -> 0L;
            };
        }
        return flags;
    }
}
