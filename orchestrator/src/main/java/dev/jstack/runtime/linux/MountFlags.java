package dev.jstack.runtime.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The flag values of mount(2) and umount2(2), and their names for error messages. */
final class MountFlags {
    static final long MS_RDONLY = 1;
    static final long MS_NOSUID = 2;
    static final long MS_NODEV = 4;
    static final long MS_NOEXEC = 8;
    static final long MS_REMOUNT = 32;
    static final long MS_NOATIME = 1024;
    static final long MS_NODIRATIME = 2048;
    static final long MS_BIND = 4096;
    static final long MS_REC = 16384;
    static final long MS_UNBINDABLE = 1L << 17;
    static final long MS_PRIVATE = 1L << 18;
    static final long MS_SHARED = 1L << 20;
    static final long MS_RELATIME = 1L << 21;
    static final long MS_STRICTATIME = 1L << 24;

    static final int MNT_DETACH = 2;
    static final int UMOUNT_NOFOLLOW = 8;

    private static final Map<Long, String> MOUNT_NAMES = Map.ofEntries(
            Map.entry(MS_RDONLY, "MS_RDONLY"), Map.entry(MS_NOSUID, "MS_NOSUID"), Map.entry(MS_NODEV, "MS_NODEV"),
            Map.entry(MS_NOEXEC, "MS_NOEXEC"), Map.entry(MS_REMOUNT, "MS_REMOUNT"),
            Map.entry(MS_NOATIME, "MS_NOATIME"), Map.entry(MS_NODIRATIME, "MS_NODIRATIME"),
            Map.entry(MS_BIND, "MS_BIND"), Map.entry(MS_REC, "MS_REC"), Map.entry(MS_UNBINDABLE, "MS_UNBINDABLE"),
            Map.entry(MS_PRIVATE, "MS_PRIVATE"), Map.entry(MS_SHARED, "MS_SHARED"),
            Map.entry(MS_RELATIME, "MS_RELATIME"), Map.entry(MS_STRICTATIME, "MS_STRICTATIME"));

    private static final Map<Long, String> UMOUNT_NAMES = Map.of(
            (long) MNT_DETACH, "MNT_DETACH", (long) UMOUNT_NOFOLLOW, "UMOUNT_NOFOLLOW");

    private MountFlags() {
    }

    /** {@code MS_BIND|MS_REC}, in bit order; bits without a name are printed in hex; no bit at all is {@code 0}. */
    static String describeMount(long flags) {
        return describe(flags, MOUNT_NAMES);
    }

    /** {@code MNT_DETACH|UMOUNT_NOFOLLOW}, in the same style. */
    static String describeUmount(int flags) {
        return describe(flags, UMOUNT_NAMES);
    }

    private static String describe(long flags, Map<Long, String> names) {
        List<String> parts = new ArrayList<>();
        long rest = flags;
        for (int bit = 0; bit < Long.SIZE; bit++) {
            long value = 1L << bit;
            if ((flags & value) != 0 && names.containsKey(value)) {
                parts.add(names.get(value));
                rest &= ~value;
            }
        }
        if (rest != 0) {
            parts.add("0x" + Long.toHexString(rest));
        }
        return parts.isEmpty() ? "0" : String.join("|", parts);
    }
}
