package dev.jstack.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jstack.runtime.RuntimeFailure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The pinning thread's hand-off, without a namespace: jobs run there, in turn, and their failures come back. */
class NetnsPinThreadTest {

    @Test
    void jobsRunOnThePinningThreadAndNeverOnTheCallers() throws Exception {
        Set<String> ranOn = ConcurrentHashMap.newKeySet();
        Set<String> callers = ConcurrentHashMap.newKeySet();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 8; i++) {
            Thread caller = new Thread(() -> {
                try {
                    go.await();
                    callers.add(Thread.currentThread().getName());
                    NetnsPinThread.run(() -> ranOn.add(Thread.currentThread().getName()));
                } catch (Throwable t) {
                    failures.add(t);
                }
            }, "caller-" + i);
            threads.add(caller);
            caller.start();
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(List.of(), failures);
        assertEquals(Set.of("jstack-netns"), ranOn);
        assertEquals(8, callers.size());
    }

    @Test
    void aJobsFailureReachesItsCallerAndTheThreadGoesOn() throws Exception {
        RuntimeFailure failure = assertThrows(RuntimeFailure.class,
                () -> NetnsPinThread.run(() -> { throw new RuntimeFailure("no namespace"); }));
        assertEquals("no namespace", failure.getMessage());
        assertThrows(IllegalStateException.class,
                () -> NetnsPinThread.run(() -> { throw new IllegalStateException("bug"); }));
        List<String> ran = new ArrayList<>();
        NetnsPinThread.run(() -> ran.add("after"));
        assertEquals(List.of("after"), ran);
    }

    @Test
    void aJobThatAsksForTheThreadAgainRunsAtOnceOnIt() throws Exception {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        NetnsPinThread.run(() -> {
            String outer = Thread.currentThread().getName();
            NetnsPinThread.run(() -> order.add("inner on " + Thread.currentThread().getName()));
            order.add("outer on " + outer);
        });
        assertEquals(List.of("inner on jstack-netns", "outer on jstack-netns"), order);
    }

    @Test
    void anInterruptedCallerStillWaitsForItsJobAndKeepsItsInterrupt() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        Thread caller = new Thread(() -> {
            try {
                NetnsPinThread.run(() -> {
                    running.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    seen.add("job done");
                });
                seen.add("returned, interrupted " + Thread.currentThread().isInterrupted());
            } catch (RuntimeFailure e) {
                seen.add("failed " + e.getMessage());
            }
        });
        caller.start();
        running.await();
        caller.interrupt();
        Thread.sleep(50);
        assertTrue(caller.isAlive(), "the caller returned before its job was done");
        release.countDown();
        caller.join();
        assertEquals(List.of("job done", "returned, interrupted true"), seen);
        assertNotEquals("jstack-netns", Thread.currentThread().getName());
    }
}
