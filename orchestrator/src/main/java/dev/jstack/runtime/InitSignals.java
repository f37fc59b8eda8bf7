package dev.jstack.runtime;

import java.time.Duration;
import java.util.Optional;

/**
 * Signals a container's init process, and waits for its end, without a runtime process for each: the runtime's
 * state names the init by pid and start time, and an implementation acts on that very process or not at all.
 * Where it cannot ({@link #NONE}, a kernel without the means), the caller asks the runtime's CLI, which can do
 * everything this does.
 */
public interface InitSignals {

    /** Acts on nothing: every call answers that the caller must ask the runtime. */
    InitSignals NONE = new InitSignals() {
        @Override
        public boolean send(int pid, long start, int signal) {
            return false;
        }

        @Override
        public Optional<Boolean> awaitEnd(int pid, long start, Duration limit) {
            return Optional.empty();
        }
    };

    /**
     * Sends signal number {@code signal} ({@link Signals}) to process {@code pid} if it is the one that started at
     * {@code start}; false when it did not send it: the process is gone or another, or the kernel cannot do it.
     */
    boolean send(int pid, long start, int signal);

    /**
     * Waits up to {@code limit} for that process to end (to exit, whether reaped or not): true when it has ended
     * or was gone, false when it still runs at the limit, empty when it cannot wait here.
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    Optional<Boolean> awaitEnd(int pid, long start, Duration limit) throws InterruptedException;
}
