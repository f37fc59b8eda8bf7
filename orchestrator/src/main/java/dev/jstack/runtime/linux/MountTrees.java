package dev.jstack.runtime.linux;

import static dev.jstack.runtime.linux.MountFlags.MNT_DETACH;
import static dev.jstack.runtime.linux.MountFlags.MS_PRIVATE;
import static dev.jstack.runtime.linux.MountFlags.MS_REC;
import static dev.jstack.runtime.linux.MountFlags.UMOUNT_NOFOLLOW;

import dev.jstack.runtime.RuntimeFailure;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Unmounts the mounts below a directory, found in /proc/self/mountinfo, so that the host never notices: each
 * tree is made private first, because unmounting a copy of a shared mount also unmounts its peers, which may be
 * the host's originals (a copy of a /run/netns pin would take the pin with it); then deepest first, and never
 * through a symlink.
 */
final class MountTrees {
    /** A detached tree leaves nothing behind, so a second pass only meets mounts made meanwhile. */
    private static final int PASSES = 3;

    private MountTrees() {
    }

    /** Unmounts everything at or below {@code root}; nothing mounted there is fine. */
    static void unmountAll(String root) throws RuntimeFailure {
        for (int pass = 0; pass < PASSES; pass++) {
            List<MountInfo> mounts = MountInfo.readAtOrBelow(root);
            if (mounts.isEmpty()) {
                return;
            }
            makePrivate(mounts);
            for (MountInfo mount : mounts) {
                unmountIfMounted(mount.mountPoint());
            }
        }
        List<MountInfo> left = MountInfo.readAtOrBelow(root);
        if (!left.isEmpty()) {
            throw new RuntimeFailure("cannot unmount everything below " + root + "; still mounted: "
                    + left.stream().map(MountInfo::mountPoint).collect(Collectors.joining(", ")));
        }
    }

    /**
     * Unmounts the mounts at or below {@code root} that {@code which} selects, leaving the rest. The tree must
     * already be private: a shared mount in it is refused, since its unmount would reach its peers.
     */
    static void unmountMatching(String root, Predicate<MountInfo> which) throws RuntimeFailure {
        List<MountInfo> mounts = MountInfo.readAtOrBelow(root);
        for (MountInfo mount : mounts) {
            if (mount.optionalFields().stream().anyMatch(f -> f.startsWith("shared:"))) {
                throw new RuntimeFailure("refusing to unmount below " + root + ": " + mount.mountPoint()
                        + " is still a shared mount, and unmounting in it would unmount its peers too");
            }
        }
        for (MountInfo mount : mounts) {
            if (which.test(mount)) {
                unmountIfMounted(mount.mountPoint());
            }
        }
    }

    /** UMOUNT_NOFOLLOW: a symlink met at the last step must not lead the unmount out of the tree. */
    static void unmountIfMounted(String mountPoint) throws RuntimeFailure {
        try {
            Syscalls.umount2(mountPoint, MNT_DETACH | UMOUNT_NOFOLLOW);
        } catch (SyscallFailure e) {
            if (e.errno() != SyscallFailure.EINVAL && e.errno() != SyscallFailure.ENOENT) {
                throw e;
            }
        }
    }

    /**
     * Makes private, recursively, the tree of each top mount (one whose parent is not in the set). The change
     * reaches the top of a stacked point and everything below it, covered mounts included.
     */
    private static void makePrivate(List<MountInfo> mounts) throws RuntimeFailure {
        Set<Integer> ids = mounts.stream().map(MountInfo::id).collect(Collectors.toSet());
        Set<String> tops = new TreeSet<>();
        for (MountInfo mount : mounts) {
            if (!ids.contains(mount.parentId())) {
                tops.add(mount.mountPoint());
            }
        }
        for (String top : tops) {
            try {
                Syscalls.mount("", top, null, MS_REC | MS_PRIVATE, null);
            } catch (SyscallFailure e) {
                if (e.errno() != SyscallFailure.EINVAL && e.errno() != SyscallFailure.ENOENT) {
                    throw e;
                }
            }
        }
    }
}
