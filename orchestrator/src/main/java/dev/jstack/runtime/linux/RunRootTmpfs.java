package dev.jstack.runtime.linux;

import dev.jstack.runtime.RuntimeFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Keeps jstack's run root (/run/jstack) on a tmpfs, as the files on the host are laid out to be: gone at a reboot,
 * with the processes they describe. Where /run is an ordinary file system, the root gets a tmpfs of its own, once,
 * while it holds nothing, and keeps it: every project's lock, bundles, records and /etc files live there. That is
 * also what each container's creation then costs: an ext4 without a journal passes over every inode freed in the
 * last minutes whenever it makes a new one, and a stack's {@code down} frees hundreds.
 *
 * <p>A root that holds anything already is left as it is: a tmpfs mounted over it would hide the projects that
 * run from it. Two commands that find the root empty at once take turns on a lock of its directory, and the second
 * finds the tmpfs there.
 */
public final class RunRootTmpfs {
    private static final long FLAGS = MountFlags.MS_NOSUID | MountFlags.MS_NODEV;
    private static final int O_DIRECTORY = 0x10000;

    private RunRootTmpfs() {
    }

    /** Makes {@code root} a tmpfs when it is empty on another file system: whether it is a tmpfs now. */
    public static boolean ensure(Path root) throws RuntimeFailure, IOException {
        if (onTmpfs(root)) {
            return true;
        }
        Files.createDirectories(root);
        int fd = Syscalls.open(root.toString(), Syscalls.O_RDONLY | O_DIRECTORY | Syscalls.O_CLOEXEC);
        try {
            Syscalls.flock(fd, Syscalls.LOCK_EX, root.toString());
            if (onTmpfs(root)) {
                return true;
            }
            if (!isEmpty(root)) {
                return false;
            }
            Syscalls.mount("tmpfs", root.toString(), "tmpfs", FLAGS, "mode=755");
            return true;
        } finally {
            Syscalls.close(fd);
        }
    }

    /** Whether {@code root} is on a tmpfs; false when it does not exist. */
    public static boolean onTmpfs(Path root) throws IOException {
        try {
            return Files.getFileStore(root).type().equals("tmpfs");
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
