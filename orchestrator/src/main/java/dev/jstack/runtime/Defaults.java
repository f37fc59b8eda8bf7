package dev.jstack.runtime;

import dev.jstack.runtime.ContainerSpec.MountSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Owns the safety defaults every container gets, as Docker gives them: its capability set, the masked and
 * read-only {@code /proc} paths, the standard mounts, {@code noNewPrivileges} and a default {@code PATH}.
 * {@code privileged} lifts the masks, the read-only paths and the capability limit, as {@code --privileged} does.
 */
public final class Defaults {

    /** Docker's default capability set, in the order Docker lists it. */
    public static final List<String> CAPABILITIES = List.of(
            "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW",
            "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT",
            "CAP_KILL", "CAP_AUDIT_WRITE");

    /** Every capability Linux defines (numbers 0 to 40), in kernel order. */
    public static final List<String> ALL_CAPABILITIES = List.of(
            "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
            "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
            "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE",
            "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT",
            "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
            "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN",
            "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF",
            "CAP_CHECKPOINT_RESTORE");

    /** Kernel interfaces that leak host information or allow harm: hidden from unprivileged containers. */
    public static final List<String> MASKED_PATHS = List.of(
            "/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/sched_debug",
            "/proc/scsi", "/proc/timer_list", "/proc/timer_stats", "/sys/devices/virtual/powercap",
            "/sys/firmware");

    /** {@code /proc} paths that stay visible but read-only for unprivileged containers. */
    public static final List<String> READONLY_PATHS = List.of(
            "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

    /** The search path a container gets when its environment sets none. */
    public static final String PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private static final String ALL = "ALL";

    private Defaults() {
    }

    /**
     * The final capability set from Docker's rules: privileged gets every capability (cap_add and cap_drop
     * are then moot); {@code ALL} in cap_add starts from every capability less cap_drop; {@code ALL} in cap_drop
     * keeps only cap_add; otherwise the default set less cap_drop plus cap_add (an add wins over a drop of the
     * same name). Names are case-insensitive, {@code CAP_} optional. Returns sorted, distinct names with
     * {@code CAP_}. "Every capability" is {@link #ALL_CAPABILITIES}; see the overload for a real host.
     *
     * @throws IllegalArgumentException for a name Linux does not define
     */
    public static List<String> capabilities(Collection<String> capAdd, Collection<String> capDrop,
                                            boolean privileged) {
        return capabilities(capAdd, capDrop, privileged, ALL_CAPABILITIES);
    }

    /**
     * As {@link #capabilities(Collection, Collection, boolean)}, with "every capability" meaning those in
     * {@code available}: pass {@link #hostCapabilities()}, since a runtime cannot grant a capability outside
     * its own bounding set (it fails with "unable to apply caps"), as Podman does for privileged containers.
     */
    public static List<String> capabilities(Collection<String> capAdd, Collection<String> capDrop,
                                            boolean privileged, Collection<String> available) {
        SortedSet<String> add = normalize(capAdd);
        SortedSet<String> drop = normalize(capDrop);
        SortedSet<String> result = new TreeSet<>();
        if (privileged) {
            result.addAll(available);
        } else if (add.contains(ALL)) {
            result.addAll(available);
            result.removeAll(drop);
        } else if (drop.contains(ALL)) {
            result.addAll(add);
        } else {
            result.addAll(CAPABILITIES);
            result.removeAll(drop);
            result.addAll(add);
        }
        return List.copyOf(result);
    }

    /** The capabilities of this process's bounding set (the {@code CapBnd:} mask of /proc/self/status). */
    public static List<String> hostCapabilities() throws RuntimeFailure {
        Path status = Path.of("/proc/self/status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("CapBnd:")) {
                    return namesOf(Long.parseUnsignedLong(line.substring("CapBnd:".length()).strip(), 16));
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new RuntimeFailure("read " + status + ": " + e.getMessage(), e);
        }
        throw new RuntimeFailure("read " + status + ": no CapBnd line; jstack needs Linux with /proc mounted");
    }

    /** The names of the capabilities whose bits are set, in kernel order (bit n is capability number n). */
    static List<String> namesOf(long mask) {
        List<String> names = new ArrayList<>();
        for (int bit = 0; bit < ALL_CAPABILITIES.size(); bit++) {
            if ((mask & (1L << bit)) != 0) {
                names.add(ALL_CAPABILITIES.get(bit));
            }
        }
        return List.copyOf(names);
    }

    /** {@code noNewPrivileges} is on unless the container is privileged, as in Docker. */
    public static boolean noNewPrivileges(boolean privileged) {
        return !privileged;
    }

    /** The environment with {@link #PATH} appended when it sets no {@code PATH} of its own. */
    public static List<String> environment(List<String> env) {
        if (env.stream().anyMatch(e -> e.startsWith("PATH="))) {
            return List.copyOf(env);
        }
        List<String> withPath = new ArrayList<>(env);
        withPath.add(PATH);
        return List.copyOf(withPath);
    }

    /** Masked paths for a container: none when privileged. */
    public static List<String> maskedPaths(boolean privileged) {
        return privileged ? List.of() : MASKED_PATHS;
    }

    /** Read-only paths for a container: none when privileged. */
    public static List<String> readonlyPaths(boolean privileged) {
        return privileged ? List.of() : READONLY_PATHS;
    }

    /**
     * The standard mounts: /proc, a private /dev (runc fills it with the standard devices), /dev/pts,
     * a 64 MiB /dev/shm, /dev/mqueue, and /sys and the cgroup tree, read-only unless privileged.
     */
    public static List<MountSpec> mounts(boolean privileged) {
        String sysMode = privileged ? "rw" : "ro";
        return List.of(
                new MountSpec("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")),
                new MountSpec("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
                new MountSpec("/dev/pts", "devpts", "devpts",
                        List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")),
                new MountSpec("/dev/shm", "tmpfs", "shm",
                        List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k")),
                new MountSpec("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")),
                new MountSpec("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", sysMode)),
                new MountSpec("/sys/fs/cgroup", "cgroup", "cgroup",
                        List.of("nosuid", "noexec", "nodev", "relatime", sysMode)));
    }

    private static SortedSet<String> normalize(Collection<String> names) {
        SortedSet<String> result = new TreeSet<>();
        for (String name : names) {
            String upper = name.trim().toUpperCase(Locale.ROOT);
            if (upper.equals(ALL)) {
                result.add(ALL);
                continue;
            }
            String cap = upper.startsWith("CAP_") ? upper : "CAP_" + upper;
            if (!ALL_CAPABILITIES.contains(cap)) {
                throw new IllegalArgumentException("unknown capability \"" + name
                        + "\": use a Linux capability name such as NET_ADMIN or SYS_PTRACE, or ALL");
            }
            result.add(cap);
        }
        return result;
    }
}
