package dev.jstack.runtime.linux;

import dev.jstack.runtime.RuntimeFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Owns what one read of the mount table says of namespace files: mountinfo names an nsfs mount's namespace in its
 * root field ({@code net:[4026532281]}), so a pin made by jstack or by {@code ip netns add} (a bind of a
 * {@code /proc/.../ns/net} file) shows its type there. Of the mounts stacked on one point, the top one is what
 * opening the path reaches. A path with nothing mounted on it (a {@code /proc/PID/ns/net} link, a plain file)
 * gets no answer: only the kernel's {@code ioctl} can tell.
 */
final class NamespaceMounts {
    private static final String NSFS = "nsfs";
    private static final String NETWORK = "net:[";

    private final List<String> lines;

    private NamespaceMounts(List<String> lines) {
        this.lines = lines;
    }

    /** This process's mount table, read once. */
    static NamespaceMounts read() throws RuntimeFailure {
        try {
            return of(new String(Files.readAllBytes(MountInfo.SELF), StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new RuntimeFailure("read " + MountInfo.SELF + ": " + SyscallFailure.reason(e), e);
        }
    }

    /** A table of mountinfo text, as the kernel writes it. */
    static NamespaceMounts of(String mountinfo) {
        return new NamespaceMounts(mountinfo.lines().filter(l -> !l.isBlank()).toList());
    }

    /**
     * Whether opening {@code path} reaches a network namespace, as far as the table knows: empty when nothing is
     * mounted there, or when the mounts stacked there have no single top.
     */
    Optional<Boolean> isNetworkNamespace(Path path) {
        String point;
        try {
            point = path.toRealPath().toString();
        } catch (IOException e) {
            return Optional.empty();
        }
        String needle = MountInfo.escape(point);
        List<MountInfo> stacked = lines.stream().filter(l -> l.contains(needle)).map(MountInfo::parseLine)
                .filter(m -> m.mountPoint().equals(point)).toList();
        return top(stacked).map(NamespaceMounts::isNetworkNamespaceMount);
    }

    static boolean isNetworkNamespaceMount(MountInfo mount) {
        return mount.fsType().equals(NSFS) && mount.root().startsWith(NETWORK);
    }

    /** The mount of {@code stacked} (all on one point) that no other of them is mounted on. */
    static Optional<MountInfo> top(List<MountInfo> stacked) {
        Set<Integer> covered = stacked.stream().map(MountInfo::parentId).collect(Collectors.toSet());
        List<MountInfo> tops = stacked.stream().filter(m -> !covered.contains(m.id())).toList();
        return tops.size() == 1 ? Optional.of(tops.get(0)) : Optional.empty();
    }
}
