package dev.jstack.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jstack.spec.Healthcheck;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Docker's health state machine, driven by check results at given times (no clock). */
class HealthMonitorTest {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private static Healthcheck check(int retries, long startPeriodSeconds) {
        return new Healthcheck(List.of("CMD", "true"), Duration.ofSeconds(10), Duration.ofSeconds(2), retries,
                Duration.ofSeconds(startPeriodSeconds), Duration.ofSeconds(1), false);
    }

    @Test
    void startsAsStartingAndTheFirstCheckComesAfterTheInterval() {
        HealthMonitor monitor = new HealthMonitor(check(3, 0), T0);
        assertEquals(HealthMonitor.Status.STARTING, monitor.status());
        assertFalse(monitor.due(T0.plusSeconds(9)));
        assertTrue(monitor.due(T0.plusSeconds(10)));
    }

    @Test
    void onePassingCheckMakesItHealthy() {
        HealthMonitor monitor = new HealthMonitor(check(3, 0), T0);
        monitor.record(true, T0.plusSeconds(10));
        assertEquals(HealthMonitor.Status.HEALTHY, monitor.status());
        assertEquals(T0.plusSeconds(20), monitor.nextProbe());
    }

    @Test
    void retriesFailuresInARowMakeItUnhealthyAndAPassResetsTheStreak() {
        HealthMonitor monitor = new HealthMonitor(check(3, 0), T0);
        monitor.record(false, T0.plusSeconds(10));
        monitor.record(false, T0.plusSeconds(20));
        monitor.record(true, T0.plusSeconds(30));
        assertEquals(0, monitor.failingStreak());
        monitor.record(false, T0.plusSeconds(40));
        monitor.record(false, T0.plusSeconds(50));
        assertEquals(HealthMonitor.Status.HEALTHY, monitor.status());
        monitor.record(false, T0.plusSeconds(60));
        assertEquals(HealthMonitor.Status.UNHEALTHY, monitor.status());
        assertEquals("unhealthy, 3 failed checks in a row", monitor.describe());
    }

    @Test
    void failuresInTheStartPeriodDoNotCountAndChecksComeEveryStartInterval() {
        HealthMonitor monitor = new HealthMonitor(check(1, 5), T0);
        assertEquals(T0.plusSeconds(1), monitor.nextProbe());
        monitor.record(false, T0.plusSeconds(1));
        monitor.record(false, T0.plusSeconds(2));
        assertEquals(HealthMonitor.Status.STARTING, monitor.status());
        assertEquals(0, monitor.failingStreak());
        assertEquals(T0.plusSeconds(3), monitor.nextProbe());
        monitor.record(false, T0.plusSeconds(5));
        assertEquals(HealthMonitor.Status.UNHEALTHY, monitor.status());
    }

    @Test
    void testsBecomeCommands() {
        assertEquals(List.of("pg_isready", "-q"),
                HealthMonitor.command(new Healthcheck(List.of("CMD", "pg_isready", "-q"), null, null, 3, null, null,
                        false)));
        assertEquals(List.of("/bin/sh", "-c", "test -f /tmp/ready"),
                HealthMonitor.command(new Healthcheck(List.of("CMD-SHELL", "test -f /tmp/ready"), null, null, 3,
                        null, null, false)));
        assertEquals(List.of(), HealthMonitor.command(new Healthcheck(List.of("NONE"), null, null, 3, null, null,
                false)));
        assertEquals(List.of(), HealthMonitor.command(new Healthcheck(List.of("CMD", "true"), null, null, 3, null,
                null, true)));
        assertEquals(List.of(), HealthMonitor.command(null));
    }
}
