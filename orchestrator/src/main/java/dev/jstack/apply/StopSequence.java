package dev.jstack.apply;

import dev.jstack.runtime.ContainerRuntime;
import dev.jstack.runtime.ContainerStatus;
import dev.jstack.runtime.RuntimeFailure;
import java.time.Duration;

/**
 * Owns how a running container is brought to a stop: its stop signal, a wait of up to its grace period, then
 * SIGKILL and a last wait, each wait the runtime's ({@link ContainerRuntime#awaitStopped}). A container that ends by
 * itself in between is what stopping wanted.
 */
final class StopSequence {
    // Short: a poll is a read of the runtime's state file, and what it waits for usually comes within milliseconds.
    static final Duration POLL = Duration.ofMillis(10);
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private final ContainerRuntime runtime;

    StopSequence(ContainerRuntime runtime) {
        this.runtime = runtime;
    }

    /** Stops {@code container}; fails when it still runs after SIGKILL and {@link #KILL_WAIT}. */
    void stop(String container, String signal, Duration grace) throws RuntimeFailure {
        signal(container, signal);
        if (!runtime.awaitStopped(container, grace)) {
            signal(container, "SIGKILL");
            if (!runtime.awaitStopped(container, KILL_WAIT)) {
                throw new RuntimeFailure("container " + container + " is still running after SIGKILL");
            }
        }
    }

    boolean running(String container) throws RuntimeFailure {
        return runtime.state(container).map(ContainerStatus::isRunning).orElse(false);
    }

    /** Sleeps for {@code duration}; an interrupt ends the wait as a failure of what was being done. */
    static void pause(Duration duration, String doing) throws RuntimeFailure {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeFailure("interrupted while " + doing);
        }
    }

    private void signal(String container, String signal) throws RuntimeFailure {
        try {
            runtime.kill(container, signal);
        } catch (RuntimeFailure e) {
            if (running(container)) {
                throw e;
            }
        }
    }
}
