package dev.jstack.supervise;

import dev.jstack.spec.RestartPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * Owns the restart decisions for one service under its {@code restart:} policy: whether a container that ended
 * comes back, when (a back-off from 100 ms doubling to 30 s, reset once a container has run for 10 s), and how
 * many times it was restarted. It is fed observations with their time and reads no clock, so tests give it time.
 * <p>
 * {@code unless-stopped} differs from {@code always} only for a service stopped by {@code jstack stop} before its
 * supervisor started (see {@link StoppedServices}): {@code always} brings it back, {@code unless-stopped} does not.
 */
public final class RestartTracker {
    static final Duration FIRST_DELAY = Duration.ofMillis(100);
    static final Duration MAX_DELAY = Duration.ofSeconds(30);
    static final Duration STEADY = Duration.ofSeconds(10);

    /** Where the service is in its life, as far as restarts go. */
    public enum Phase { UNSEEN, RUNNING, BACKING_OFF, DOWN }

    private final RestartPolicy policy;
    private Phase phase = Phase.UNSEEN;
    private int restarts;
    private Duration delay = FIRST_DELAY;
    private Instant startedAt;
    private Instant dueAt;
    private OptionalInt lastExit = OptionalInt.empty();

    public RestartTracker(RestartPolicy policy, int restarts) {
        this.policy = policy == null ? RestartPolicy.NO : policy;
        this.restarts = restarts;
    }

    /**
     * One observation: whether the container runs, and if not how it ended ({@code exit} empty when unknown, as
     * for a container deleted by hand or one this process did not start; unknown counts as a failure).
     */
    public void observe(boolean running, OptionalInt exit, Instant now) {
        if (running) {
            if (phase != Phase.RUNNING) {
                phase = Phase.RUNNING;
                startedAt = now;
            }
            return;
        }
        if (phase == Phase.RUNNING || phase == Phase.UNSEEN) {
            ended(exit, now);
        }
    }

    private void ended(OptionalInt exit, Instant now) {
        lastExit = exit;
        if (!wantsRestart(exit)) {
            phase = Phase.DOWN;
            return;
        }
        if (startedAt != null && Duration.between(startedAt, now).compareTo(STEADY) >= 0) {
            delay = FIRST_DELAY;
        }
        phase = Phase.BACKING_OFF;
        dueAt = now.plus(delay);
        Duration doubled = delay.multipliedBy(2);
        delay = doubled.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : doubled;
    }

    private boolean wantsRestart(OptionalInt exit) {
        return switch (policy.kind()) {
            case NO -> false;
            case ALWAYS, UNLESS_STOPPED -> true;
            case ON_FAILURE -> (exit.isEmpty() || exit.getAsInt() != 0)
                    && (policy.maxRetries() == 0 || restarts < policy.maxRetries());
        };
    }

    /** True for {@code restart: always}, which a new supervisor applies even to services the user stopped. */
    public boolean isAlways() {
        return policy.kind() == RestartPolicy.Kind.ALWAYS;
    }

    /** True when a restart is due at {@code now}. */
    public boolean due(Instant now) {
        return phase == Phase.BACKING_OFF && !now.isBefore(dueAt);
    }

    /** The container was made anew at {@code now} by the supervisor: one more restart. */
    public void restarted(Instant now) {
        restarts++;
        phase = Phase.RUNNING;
        startedAt = now;
        dueAt = null;
    }

    /** As before a rest of the supervisor: the service ended ({@code exit}) and stays down under its policy. */
    public void stayDown(OptionalInt exit) {
        phase = Phase.DOWN;
        lastExit = exit;
    }

    /** The container was made anew by {@code up}: a fresh start that is not a restart. */
    public void replaced(Instant now) {
        phase = Phase.RUNNING;
        startedAt = now;
        dueAt = null;
        delay = FIRST_DELAY;
    }

    public Phase phase() {
        return phase;
    }

    public int restarts() {
        return restarts;
    }

    /** When the next restart is due, if one is. */
    public Instant dueAt() {
        return dueAt;
    }

    public OptionalInt lastExit() {
        return lastExit;
    }
}
