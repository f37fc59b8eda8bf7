package dev.jstack.runtime.linux;

import dev.jstack.runtime.RuntimeFailure;
import java.nio.file.Path;

/**
 * An exclusive flock(2) on a directory, held until closed. flock on the directory itself is what {@code ip netns}
 * takes on /run/netns, so jstack and iproute2 exclude each other; a lock file there would be listed as a
 * namespace by {@code ip netns list}. The lock belongs to the open file, so threads of one JVM exclude each
 * other as well as processes do.
 */
final class DirectoryLock implements AutoCloseable {
    private final int fd;

    private DirectoryLock(int fd) {
        this.fd = fd;
    }

    /** Blocks until the lock is held. */
    static DirectoryLock exclusive(Path directory) throws RuntimeFailure {
        int fd = Syscalls.open(directory.toString(), Syscalls.O_RDONLY | Syscalls.O_CLOEXEC);
        try {
            Syscalls.flock(fd, Syscalls.LOCK_EX, directory.toString());
        } catch (RuntimeFailure e) {
            Syscalls.close(fd);
            throw e;
        }
        return new DirectoryLock(fd);
    }

    /** Closing the descriptor releases the lock. */
    @Override
    public void close() {
        Syscalls.close(fd);
    }
}
