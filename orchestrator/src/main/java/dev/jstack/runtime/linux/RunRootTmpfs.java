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
 * run from it. So is a root seen from a mount namespace other than the host's, where a tmpfs would hold state that
 * the host's commands never see. Commands that prepare the root take turns on a lock of its directory, and each
 * makes its project's directory before the next looks, so the root is never found empty while a project is on its
 * way in.
 */
public final class RunRootTmpfs {
    private static final long FLAGS = MountFlags.MS_NOSUID | MountFlags.MS_NODEV;

    private RunRootTmpfs() {
    }

    /**
     * Makes {@code root} a tmpfs when it is empty on another file system, then {@code projectDir} in it: whether the
     * root is a tmpfs now.
     */
    public static boolean prepare(Path root, Path projectDir) throws RuntimeFailure, IOException {
        if (onTmpfs(root)) {
            Files.createDirectories(projectDir);
            return true;
        }
        Files.createDirectories(root);
        boolean tmpfs;
        try (DirectoryLock lock = DirectoryLock.exclusive(root)) {
            tmpfs = onTmpfs(root);
            if (!tmpfs && isEmpty(root) && inHostMountNamespace()) {
                Syscalls.mount("tmpfs", root.toString(), "tmpfs", FLAGS, "mode=755");
                tmpfs = true;
            }
            Files.createDirectories(projectDir);
        }
        return tmpfs;
    }

    /** Whether {@code root} is on a tmpfs; false when it does not exist. */
    static boolean onTmpfs(Path root) throws IOException {
        try {
            return Files.getFileStore(root).type().equals("tmpfs");
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    // The namespace of pid 1 is the host's. Where it cannot be read (some sandboxes refuse even root), nothing
    // says otherwise.
    private static boolean inHostMountNamespace() throws IOException {
        Path init;
        try {
            init = Files.readSymbolicLink(Path.of("/proc/1/ns/mnt"));
        } catch (java.nio.file.AccessDeniedException e) {
            return true;
        }
        return init.equals(Files.readSymbolicLink(Path.of("/proc/self/ns/mnt")));
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
