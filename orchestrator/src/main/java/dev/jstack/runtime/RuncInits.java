package dev.jstack.runtime;

import java.time.Duration;
import java.util.Optional;

/**
 * Owns what jstack does to a runc container's init itself rather than through runc's {@code kill}: where runc's
 * state file says the container runs, its init (pid and start time) is signalled and awaited through
 * {@link InitSignals}, the init alone, as runc 1.1's {@code kill} signals it. Every container of jstack has a PID
 * namespace of its own, so the end of its init ends the rest of its processes too; a runtime that kills a whole
 * cgroup on SIGKILL would differ only for containers that share one. runc still handles what it does beyond a
 * signal: a paused container (thawed for SIGKILL), one created and not yet started; other runtimes, everything.
 */
final class RuncInits {
    private final RuncStateFiles files;
    private final InitSignals signals;

    /** {@code files}: runc's state files, or null for a runtime whose files jstack does not read. */
    RuncInits(RuncStateFiles files, InitSignals signals) {
        this.files = files;
        this.signals = signals;
    }

    /** Whether signal number {@code signal} went to the running init of container {@code id}. */
    boolean signal(String id, int signal) {
        Optional<RuncStateFiles.Init> init = running(id);
        return init.isPresent() && signals.send(init.get().pid(), init.get().start(), signal);
    }

    /**
     * Waits up to {@code limit} for the running init of container {@code id} to end: true when it has, false when
     * it runs on at the limit, empty when it cannot tell (the caller reads the state instead).
     */
    Optional<Boolean> awaitEnd(String id, Duration limit) throws RuntimeFailure {
        Optional<RuncStateFiles.Init> init = running(id);
        if (init.isEmpty()) {
            return Optional.empty();
        }
        try {
            return signals.awaitEnd(init.get().pid(), init.get().start(), limit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeFailure("interrupted while stopping " + id);
        }
    }

    private Optional<RuncStateFiles.Init> running(String id) {
        return files == null ? Optional.empty() : files.runningInit(id);
    }
}
