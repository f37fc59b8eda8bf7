package dev.jstack.supervise;

import dev.jstack.spec.Healthcheck;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Owns the health of one container's life, as Docker defines it: {@code starting} until a check passes;
 * {@code healthy} after a passing check; {@code unhealthy} after {@code retries} failures in a row. Failures
 * within {@code start_period} do not count, and checks there come every {@code start_interval} instead of every
 * {@code interval}. It reads no clock: times are given.
 */
public final class HealthMonitor {

    /** The health of a container. */
    public enum Status {
        STARTING, HEALTHY, UNHEALTHY;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Healthcheck check;
    private final Instant startedAt;
    private Status status = Status.STARTING;
    private int failingStreak;
    private Instant nextProbe;

    public HealthMonitor(Healthcheck check, Instant startedAt) {
        this.check = check;
        this.startedAt = startedAt;
        this.nextProbe = startedAt.plus(pause(startedAt));
    }

    /** The command to run in the container for {@code check}, or an empty list when there is none to run. */
    public static List<String> command(Healthcheck check) {
        if (check == null || check.disable() || check.test() == null || check.test().isEmpty()) {
            return List.of();
        }
        List<String> test = check.test();
        return switch (test.get(0)) {
            case "CMD" -> List.copyOf(test.subList(1, test.size()));
            case "CMD-SHELL" -> List.of("/bin/sh", "-c", String.join(" ", test.subList(1, test.size())));
            default -> List.of();
        };
    }

    /** True when a check is due at {@code now}. */
    public boolean due(Instant now) {
        return !now.isBefore(nextProbe);
    }

    public Instant nextProbe() {
        return nextProbe;
    }

    /** The outcome of the check that ran at {@code now}. */
    public void record(boolean passed, Instant now) {
        if (passed) {
            status = Status.HEALTHY;
            failingStreak = 0;
        } else if (!(status == Status.STARTING && inStartPeriod(now))) {
            failingStreak++;
            if (failingStreak >= Math.max(1, check.retries())) {
                status = Status.UNHEALTHY;
            }
        }
        nextProbe = now.plus(pause(now));
    }

    public Status status() {
        return status;
    }

    public int failingStreak() {
        return failingStreak;
    }

    /** How long a check may take before it counts as failed. */
    public Duration timeout() {
        return positive(check.timeout(), Duration.ofSeconds(30));
    }

    private boolean inStartPeriod(Instant now) {
        Duration period = check.startPeriod() == null ? Duration.ZERO : check.startPeriod();
        return now.isBefore(startedAt.plus(period));
    }

    private Duration pause(Instant now) {
        if (status == Status.STARTING && inStartPeriod(now)) {
            return positive(check.startInterval(), Duration.ofSeconds(5));
        }
        return positive(check.interval(), Duration.ofSeconds(30));
    }

    private static Duration positive(Duration d, Duration fallback) {
        return d == null || d.isZero() || d.isNegative() ? fallback : d;
    }

    /** For messages: "2 failed checks in a row". */
    public String describe() {
        List<String> parts = new ArrayList<>(List.of(status.label()));
        if (failingStreak > 0) {
            parts.add(failingStreak + (failingStreak == 1 ? " failed check" : " failed checks in a row"));
        }
        return String.join(", ", parts);
    }
}
