package dev.jstack.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Owns the meaning of a service's {@code user:} ({@code uid}, {@code uid:gid}, {@code name}, {@code name:group})
 * against the container's own {@code /etc/passwd} and {@code /etc/group}, with the rules runc and Docker
 * apply: a numeric uid needs no entry; a name must have one; supplementary groups come from
 * {@code /etc/group} only when no group is given.
 */
public final class UserResolver {

    /** The identity of a container's process. */
    public record ResolvedUser(int uid, int gid, List<Integer> additionalGids) {
    }

    private record PasswdEntry(String name, int uid, int gid) {
    }

    private record GroupEntry(String name, int gid, List<String> members) {
    }

    private UserResolver() {
    }

    /** Resolves {@code user} (null or empty: root) inside {@code rootfs}. */
    public static ResolvedUser resolve(String user, Path rootfs) throws RuntimeFailure {
        String spec = user == null ? "" : user.trim();
        int colon = spec.indexOf(':');
        String userPart = colon < 0 ? spec : spec.substring(0, colon);
        String groupPart = colon < 0 ? "" : spec.substring(colon + 1);
        Path passwd = rootfs.resolve("etc/passwd");
        Optional<PasswdEntry> entry = findUser(userPart, readPasswd(passwd));
        if (entry.isEmpty() && !userPart.isEmpty() && !isNumber(userPart)) {
            throw new RuntimeFailure("user \"" + userPart + "\": no such user in " + passwd
                    + "; add the user to the image or give a numeric uid[:gid]");
        }
        int uid = entry.isPresent() ? entry.get().uid() : userPart.isEmpty() ? 0 : number(userPart, spec);
        int gid = entry.map(PasswdEntry::gid).orElse(0);
        Path groupFile = rootfs.resolve("etc/group");
        if (!groupPart.isEmpty()) {
            return new ResolvedUser(uid, explicitGroup(groupPart, spec, groupFile), List.of());
        }
        if (entry.isEmpty()) {
            return new ResolvedUser(uid, gid, List.of());
        }
        TreeSet<Integer> additional = new TreeSet<>();
        for (GroupEntry group : readGroups(groupFile)) {
            if (group.members().contains(entry.get().name())) {
                additional.add(group.gid());
            }
        }
        return new ResolvedUser(uid, gid, List.copyOf(additional));
    }

    private static Optional<PasswdEntry> findUser(String userPart, List<PasswdEntry> entries) {
        if (userPart.isEmpty()) {
            return entries.stream().filter(e -> e.uid() == 0).findFirst();
        }
        boolean numeric = isNumber(userPart);
        int uid = parseOrMinus(userPart);
        return entries.stream().filter(e -> numeric ? e.uid() == uid : e.name().equals(userPart)).findFirst();
    }

    private static int explicitGroup(String groupPart, String spec, Path groupFile) throws RuntimeFailure {
        boolean numeric = isNumber(groupPart);
        int gid = parseOrMinus(groupPart);
        for (GroupEntry group : readGroups(groupFile)) {
            if (numeric ? group.gid() == gid : group.name().equals(groupPart)) {
                return group.gid();
            }
        }
        if (!numeric) {
            throw new RuntimeFailure("user \"" + spec + "\": no such group \"" + groupPart + "\" in " + groupFile
                    + "; add the group to the image or give a numeric gid");
        }
        return number(groupPart, spec);
    }

    private static List<PasswdEntry> readPasswd(Path file) throws RuntimeFailure {
        List<PasswdEntry> entries = new ArrayList<>();
        for (String[] fields : records(file)) {
            if (fields.length >= 4 && isNumber(fields[2]) && isNumber(fields[3])) {
                entries.add(new PasswdEntry(fields[0], parseOrMinus(fields[2]), parseOrMinus(fields[3])));
            }
        }
        return entries;
    }

    private static List<GroupEntry> readGroups(Path file) throws RuntimeFailure {
        List<GroupEntry> entries = new ArrayList<>();
        for (String[] fields : records(file)) {
            if (fields.length >= 3 && isNumber(fields[2])) {
                List<String> members = fields.length < 4 || fields[3].isEmpty()
                        ? List.of() : List.of(fields[3].split(","));
                entries.add(new GroupEntry(fields[0], parseOrMinus(fields[2]), members));
            }
        }
        return entries;
    }

    /**
     * The colon-separated records of a passwd-style file, comments and blank lines skipped. A missing file has
     * none; a symbolic link is refused, since it could point out of the container's root to the host's files.
     */
    private static List<String[]> records(Path file) throws RuntimeFailure {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        if (Files.isSymbolicLink(file)) {
            throw new RuntimeFailure("read " + file + ": is a symbolic link; give a numeric uid:gid instead");
        }
        try {
            List<String[]> records = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    records.add(trimmed.split(":", -1));
                }
            }
            return records;
        } catch (IOException e) {
            throw new RuntimeFailure("read " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** The number, or -1 when it is not a number from 0 to Integer.MAX_VALUE (so that it matches no entry). */
    private static int parseOrMinus(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int number(String digits, String spec) throws RuntimeFailure {
        int value = parseOrMinus(digits);
        if (value < 0) {
            throw new RuntimeFailure("user \"" + spec + "\": " + digits + " is out of range; ids go from 0 to "
                    + Integer.MAX_VALUE);
        }
        return value;
    }
}
