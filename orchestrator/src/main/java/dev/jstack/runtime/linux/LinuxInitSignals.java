package dev.jstack.runtime.linux;

import dev.jstack.runtime.InitSignals;
import dev.jstack.runtime.ProcStart;
import dev.jstack.runtime.RuntimeFailure;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Signals and awaits a container's init through a pidfd (Linux 5.3 and later), as a runtime's {@code kill} would
 * signal it, without a process of the runtime for each. The descriptor names one process: once it is open, the
 * start time is checked against the runtime's record, so a signal cannot reach a process that took the pid since.
 * It turns readable when the process ends, which a stop waits for instead of polling the runtime's state.
 */
public final class LinuxInitSignals implements InitSignals {
    /** How long one poll waits at most: an interrupt of the waiting thread is seen at the next slice. */
    private static final int SLICE_MILLIS = 100;
    /** Linux's numbers of the signals by name, the same on x86_64 and aarch64. */
    private static final Map<String, Integer> NUMBERS = Map.ofEntries(Map.entry("HUP", 1), Map.entry("INT", 2),
            Map.entry("QUIT", 3), Map.entry("ILL", 4), Map.entry("TRAP", 5), Map.entry("ABRT", 6),
            Map.entry("IOT", 6), Map.entry("BUS", 7), Map.entry("FPE", 8), Map.entry("KILL", 9),
            Map.entry("USR1", 10), Map.entry("SEGV", 11), Map.entry("USR2", 12), Map.entry("PIPE", 13),
            Map.entry("ALRM", 14), Map.entry("TERM", 15), Map.entry("STKFLT", 16), Map.entry("CHLD", 17),
            Map.entry("CONT", 18), Map.entry("STOP", 19), Map.entry("TSTP", 20), Map.entry("TTIN", 21),
            Map.entry("TTOU", 22), Map.entry("URG", 23), Map.entry("XCPU", 24), Map.entry("XFSZ", 25),
            Map.entry("VTALRM", 26), Map.entry("PROF", 27), Map.entry("WINCH", 28), Map.entry("IO", 29),
            Map.entry("POLL", 29), Map.entry("PWR", 30), Map.entry("SYS", 31));

    @Override
    public boolean send(int pid, long start, String signal) {
        OptionalInt number = number(signal);
        if (number.isEmpty()) {
            return false;
        }
        try {
            int fd = Syscalls.pidfdOpen(pid);
            if (fd < 0) {
                return false;
            }
            try {
                return ProcStart.alive(pid, start) && Syscalls.pidfdSendSignal(fd, number.getAsInt());
            } finally {
                Syscalls.close(fd);
            }
        } catch (RuntimeFailure e) {
            return false;
        }
    }

    @Override
    public Optional<Boolean> awaitEnd(int pid, long start, Duration limit) throws InterruptedException {
        int fd;
        try {
            fd = Syscalls.pidfdOpen(pid);
        } catch (RuntimeFailure e) {
            return Optional.empty();
        }
        if (fd < 0) {
            return Optional.of(true);
        }
        try {
            // A zombie of that process has ended as well; a pid of another means that process is gone.
            if (!ProcStart.alive(pid, start)) {
                return Optional.of(true);
            }
            long deadline = System.nanoTime() + limit.toNanos();
            while (true) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("waiting for process " + pid + " to end");
                }
                long left = Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
                if (Syscalls.readable(fd, (int) Math.min(left, SLICE_MILLIS))) {
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

    /** A signal as runc's {@code kill} takes it (SIGTERM, TERM or 15), as Linux numbers it; empty when unknown. */
    static OptionalInt number(String signal) {
        String upper = signal.strip().toUpperCase(Locale.ROOT);
        String bare = upper.startsWith("SIG") ? upper.substring(3) : upper;
        if (bare.matches("[1-9]|[1-5]\\d|6[0-4]")) {
            return OptionalInt.of(Integer.parseInt(bare));
        }
        Integer number = NUMBERS.get(bare);
        return number == null ? OptionalInt.empty() : OptionalInt.of(number);
    }
}
