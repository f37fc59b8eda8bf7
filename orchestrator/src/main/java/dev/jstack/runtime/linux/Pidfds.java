package dev.jstack.runtime.linux;

import dev.jstack.runtime.RuntimeFailure;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The calls on process file descriptors (Linux 5.3 and later): a pidfd names one process for as long as it is
 * open, whatever its pid becomes, and turns readable when that process ends.
 */
final class Pidfds {
    /** From 424 on, syscall numbers are the same on every architecture. */
    private static final long SYS_PIDFD_SEND_SIGNAL = 424;
    private static final long SYS_PIDFD_OPEN = 434;
    private static final int ESRCH = 3;
    private static final int EINTR = 4;
    private static final short POLLIN = 0x1;
    private static final short POLLERR = 0x8;
    private static final short POLLHUP = 0x10;
    private static final short POLLNVAL = 0x20;

    private Pidfds() {
    }

    /** pidfd_open(pid, 0): a descriptor that names process {@code pid} (close-on-exec), or -1 when it is gone. */
    static int open(int pid) throws RuntimeFailure {
        long fd = Syscalls.libc().syscall(SYS_PIDFD_OPEN, pid, 0);
        if (fd >= 0) {
            return (int) fd;
        }
        if (Syscalls.errno() == ESRCH) {
            return -1;
        }
        throw Syscalls.failure("pidfd_open(" + pid + ", 0)");
    }

    /** pidfd_send_signal(pidfd, signal, NULL, 0): false when the process has ended (ESRCH). */
    static boolean sendSignal(int pidfd, int signal) throws RuntimeFailure {
        if (Syscalls.libc().syscall(SYS_PIDFD_SEND_SIGNAL, pidfd, signal, 0, 0) == 0) {
            return true;
        }
        if (Syscalls.errno() == ESRCH) {
            return false;
        }
        throw Syscalls.failure("pidfd_send_signal(" + pidfd + ", " + signal + ", NULL, 0)");
    }

    /**
     * poll(2) of a pidfd: whether its process ended within {@code timeoutMillis}. A descriptor that poll finds
     * invalid or in error is a failure, never an end.
     */
    static boolean ended(int pidfd, int timeoutMillis) throws RuntimeFailure {
        ByteBuffer pollfd = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putInt(pidfd).putShort(POLLIN);
        byte[] fds = pollfd.array();
        int ready = Syscalls.libc().poll(fds, 1, timeoutMillis);
        if (ready < 0) {
            if (Syscalls.errno() == EINTR) {
                return false;
            }
            throw Syscalls.failure("poll(" + pidfd + ", POLLIN, " + timeoutMillis + ")");
        }
        short revents = ByteBuffer.wrap(fds).order(ByteOrder.nativeOrder()).getShort(6);
        if ((revents & (POLLNVAL | POLLERR)) != 0) {
            throw new RuntimeFailure("poll(" + pidfd + ", POLLIN, " + timeoutMillis + "): revents " + revents);
        }
        return ready > 0 && (revents & (POLLIN | POLLHUP)) != 0;
    }
}
