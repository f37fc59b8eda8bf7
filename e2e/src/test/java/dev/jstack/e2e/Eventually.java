package dev.jstack.e2e;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls a condition of the outside world (a server that is still starting) until it holds or time runs out. */
final class Eventually {
    private Eventually() {
    }

    /** The first result that {@code check} accepts, or an AssertionError naming {@code what} and the last result. */
    static <T> T await(String what, Duration limit, Supplier<T> attempt, java.util.function.Predicate<T> check) {
        long deadline = System.nanoTime() + limit.toNanos();
        T last = attempt.get();
        while (!check.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what + " after " + limit + "; last: " + last);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
            last = attempt.get();
        }
        return last;
    }
}
