package dev.jstack.runtime.linux;

import dev.jstack.runtime.InitSignals;
import dev.jstack.runtime.ProcStat;
import dev.jstack.runtime.RuntimeFailure;
import java.time.Duration;
import java.util.Optional;

/**
 * Signals and awaits a container's init through a pidfd (Linux 5.3 and later), as a runtime's {@code kill} would
 * signal it, without a process of the runtime for each. The descriptor names one process: once it is open, the
 * start time is checked against the runtime's record, so a signal cannot reach a process that took the pid since.
 * It turns readable when the process ends, which a stop waits for instead of polling the runtime's state. On a
 * kernel without pidfds the first failure is remembered, and every later call answers at once that it cannot.
 */
public final class LinuxInitSignals implements InitSignals {
    /** How long one poll waits at most: an interrupt of the waiting thread is seen at the next slice. */
    private static final int SLICE_MILLIS = 100;

    /** What {@link #open} answers when it cannot open a pidfd here; -1 means that the process is gone. */
    private static final int CANNOT = -2;

    private volatile boolean unavailable;

    @Override
    public boolean send(int pid, long start, int signal) {
        int fd = open(pid);
        if (fd < 0) {
            return false;
        }
        try {
            return ProcStat.alive(pid, start) && Pidfds.sendSignal(fd, signal);
        } catch (RuntimeFailure e) {
            return false;
        } finally {
            Syscalls.close(fd);
        }
    }

    @Override
    public Optional<Boolean> awaitEnd(int pid, long start, Duration limit) throws InterruptedException {
        int fd = open(pid);
        if (fd == CANNOT) {
            return Optional.empty();
        }
        if (fd < 0) {
            return Optional.of(true);
        }
        try {
            // A zombie of that process has ended as well; a pid of another means that process is gone.
            if (!ProcStat.alive(pid, start)) {
                return Optional.of(true);
            }
            long deadline = System.nanoTime() + limit.toNanos();
            while (true) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("waiting for process " + pid + " to end");
                }
                // Rounded up: a poll of 0 ms in the last fraction of a millisecond would spin.
                long left = Math.max(0, (deadline - System.nanoTime() + 999_999) / 1_000_000);
                if (Pidfds.ended(fd, (int) Math.min(left, SLICE_MILLIS))) {
                    return Optional.of(true);
                }
                if (System.nanoTime() >= deadline) {
                    return Optional.of(false);
                }
            }
        } catch (RuntimeFailure e) {
            return Optional.empty();
        } finally {
            Syscalls.close(fd);
        }
    }

    /** A pidfd for {@code pid}; -1 when it is gone, {@link #CANNOT} when this kernel or process cannot open one. */
    private int open(int pid) {
        if (unavailable) {
            return CANNOT;
        }
        try {
            return Pidfds.open(pid);
        } catch (SyscallFailure e) {
            // A kernel before 5.3 has no pidfd_open, and will not have one later; other failures may pass.
            unavailable = e.errno() == SyscallFailure.ENOSYS;
            return CANNOT;
        } catch (RuntimeFailure e) {
            unavailable = true;
            return CANNOT;
        }
    }
}
