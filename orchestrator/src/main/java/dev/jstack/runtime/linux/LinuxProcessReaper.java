package dev.jstack.runtime.linux;

import dev.jstack.runtime.ProcessReaper;
import dev.jstack.runtime.RuntimeFailure;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Owns this process's reaping of container init processes: prctl(PR_SET_CHILD_SUBREAPER) and waitpid(pid,
 * WNOHANG) on the pids of containers only, never waitpid(-1), so that the JVM's own reaping of the programs it
 * starts (runc) is never disturbed. One instance per process, since a reaped status can be read only once.
 */
public final class LinuxProcessReaper implements ProcessReaper {
    private static final LinuxProcessReaper SHARED = new LinuxProcessReaper();
    private static final int REMEMBERED = 256;

    private final Map<Integer, Integer> ended = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Integer> eldest) {
            return size() > REMEMBERED;
        }
    };

    private LinuxProcessReaper() {
    }

    public static LinuxProcessReaper shared() {
        return SHARED;
    }

    @Override
    public void becomeSubreaper() throws RuntimeFailure {
        Syscalls.prctl(Syscalls.PR_SET_CHILD_SUBREAPER, 1);
    }

    @Override
    public synchronized OptionalInt exitCode(int pid) {
        if (pid <= 0) {
            // waitpid(0) and waitpid(-1) would reap any child, the JVM's own included.
            return OptionalInt.empty();
        }
        Integer known = ended.get(pid);
        if (known != null) {
            return OptionalInt.of(known);
        }
        int status;
        try {
            status = Syscalls.reap(pid);
        } catch (RuntimeFailure e) {
            return OptionalInt.empty();
        }
        if (status < 0) {
            return OptionalInt.empty();
        }
        int code = decode(status);
        ended.put(pid, code);
        return OptionalInt.of(code);
    }

    /** A wait status as a shell shows it: the exit status, or 128 + the terminating signal. */
    static int decode(int status) {
        int signal = status & 0x7f;
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal;
    }

    /** Starts a new session, so that the terminal's signals (Ctrl-C, hangup) never reach this process. */
    public static void detachFromTerminal() throws RuntimeFailure {
        Syscalls.setsid();
    }
}
