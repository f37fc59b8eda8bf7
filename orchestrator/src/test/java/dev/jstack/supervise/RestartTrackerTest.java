package dev.jstack.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jstack.spec.RestartPolicy;
import dev.jstack.spec.RestartPolicy.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The restart policies and their back-off, driven by observations at given times (no clock). */
class RestartTrackerTest {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final OptionalInt FAILED = OptionalInt.of(3);
    private static final OptionalInt SUCCEEDED = OptionalInt.of(0);

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    /** Runs a container that fails at once, over and over; returns the delays before each restart. */
    private static List<Long> delaysOfCrashLoop(RestartTracker tracker, int crashes) {
        List<Long> delays = new ArrayList<>();
        long now = 0;
        tracker.observe(true, OptionalInt.empty(), at(now));
        for (int i = 0; i < crashes; i++) {
            tracker.observe(false, FAILED, at(now));
            if (tracker.phase() != RestartTracker.Phase.BACKING_OFF) {
                break;
            }
            long due = Duration.between(T0, tracker.dueAt()).toMillis();
            delays.add(due - now);
            assertFalse(tracker.due(at(due - 1)), "not before its time");
            assertTrue(tracker.due(at(due)));
            now = due;
            tracker.restarted(at(now));
        }
        return delays;
    }

    @Test
    void alwaysBacksOffFrom100msDoublingToACapOf30s() {
        RestartTracker tracker = new RestartTracker(new RestartPolicy(Kind.ALWAYS, 0), 0);
        assertEquals(List.of(100L, 200L, 400L, 800L, 1600L, 3200L, 6400L, 12800L, 25600L, 30000L, 30000L),
                delaysOfCrashLoop(tracker, 11));
        assertEquals(11, tracker.restarts());
    }

    @Test
    void theBackOffStartsOverAfterTenSecondsOfRunning() {
        RestartTracker tracker = new RestartTracker(new RestartPolicy(Kind.ALWAYS, 0), 0);
        List<Long> delays = delaysOfCrashLoop(tracker, 4);
        Instant started = at(delays.stream().mapToLong(Long::longValue).sum());
        tracker.observe(false, FAILED, started.plusSeconds(9));
        assertEquals(Duration.ofMillis(1600), Duration.between(started.plusSeconds(9), tracker.dueAt()),
                "nine seconds are not enough");
        tracker.restarted(started);
        tracker.observe(false, FAILED, started.plusSeconds(10));
        assertEquals(Duration.ofMillis(100), Duration.between(started.plusSeconds(10), tracker.dueAt()));
    }

    @Test
    void onFailureGivesUpAfterItsMaximum() {
        RestartTracker tracker = new RestartTracker(new RestartPolicy(Kind.ON_FAILURE, 2), 0);
        assertEquals(List.of(100L, 200L), delaysOfCrashLoop(tracker, 5));
        assertEquals(RestartTracker.Phase.DOWN, tracker.phase());
        assertEquals(2, tracker.restarts());
    }

    @Test
    void onFailureLeavesASuccessfulExitAlone() {
        RestartTracker tracker = new RestartTracker(new RestartPolicy(Kind.ON_FAILURE, 0), 0);
        tracker.observe(true, OptionalInt.empty(), at(0));
        tracker.observe(false, SUCCEEDED, at(50));
        assertEquals(RestartTracker.Phase.DOWN, tracker.phase());
        assertFalse(tracker.due(at(100_000)));
    }

    @Test
    void anUnknownEndCountsAsAFailure() {
        RestartTracker tracker = new RestartTracker(new RestartPolicy(Kind.ON_FAILURE, 0), 0);
        tracker.observe(true, OptionalInt.empty(), at(0));
        tracker.observe(false, OptionalInt.empty(), at(50));
        assertTrue(tracker.due(at(150)));
    }

    @Test
    void noNeverRestarts() {
        RestartTracker tracker = new RestartTracker(RestartPolicy.NO, 0);
        tracker.observe(true, OptionalInt.empty(), at(0));
        tracker.observe(false, FAILED, at(10));
        assertEquals(RestartTracker.Phase.DOWN, tracker.phase());
        assertFalse(tracker.due(at(1_000_000)));
        assertEquals(0, tracker.restarts());
    }

    @Test
    void unlessStoppedRestartsLikeAlwaysAndCountsCarryOver() {
        RestartTracker tracker = new RestartTracker(new RestartPolicy(Kind.UNLESS_STOPPED, 0), 7);
        tracker.observe(false, SUCCEEDED, at(0));
        assertTrue(tracker.due(at(100)));
        tracker.restarted(at(100));
        assertEquals(8, tracker.restarts());
    }

    @Test
    void anUpThatRecreatesIsNotARestart() {
        RestartTracker tracker = new RestartTracker(new RestartPolicy(Kind.ALWAYS, 0), 0);
        tracker.observe(false, FAILED, at(0));
        tracker.replaced(at(20));
        assertEquals(RestartTracker.Phase.RUNNING, tracker.phase());
        assertFalse(tracker.due(at(200)));
        assertEquals(0, tracker.restarts());
    }
}
