package dev.jstack.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jstack.plan.Action;
import dev.jstack.plan.Plan;
import dev.jstack.runtime.RuntimeFailure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ExecutorTest {

    private static Action remove(int id, String service, Integer... waits) {
        return new Action.Remove(id, service, "demo-" + service + "-1", "test", List.of(waits));
    }

    private static String targets(List<Action> actions) {
        return actions.stream().map(Action::service).collect(Collectors.joining(" "));
    }

    @Test
    @DisplayName("the machine's executor is twice as wide as its processors, and never wider than 4")
    void widthForProcessors() {
        assertEquals(List.of(2, 2, 4, 4, 4), List.of(0, 1, 2, 3, 16).stream().map(Executor::widthFor).toList());
    }

    @Test
    @DisplayName("independent actions run at the same time, never more than the parallelism")
    void parallelWithinBound() {
        Plan plan = new Plan(List.of(remove(1, "a"), remove(2, "b"), remove(3, "c"), remove(4, "d")));
        CyclicBarrier pairs = new CyclicBarrier(2);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Executor.Result result = new Executor(2).run(plan, a -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                pairs.await(30, TimeUnit.SECONDS);  // only returns when two actions run at once
            } catch (Exception e) {
                throw new RuntimeFailure("no partner: " + e);
            } finally {
                running.decrementAndGet();
            }
        });
        assertEquals(List.of(), result.failures());
        assertEquals("a b c d", targets(result.done()));
        assertEquals(2, most.get());
    }

    @Test
    @DisplayName("an action starts only after those it waits for; after a failure nothing new starts")
    void ordersAndStopsOnFailure() {
        Plan plan = new Plan(List.of(remove(1, "a"), remove(2, "b", 1), remove(3, "c", 2), remove(4, "d", 3)));
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        Executor.Result result = new Executor(4).run(plan, a -> {
            order.add(a.service());
            if (a.service().equals("c")) throw new RuntimeFailure("runc delete demo-c-1: boom");
        });
        assertEquals(List.of("a", "b", "c"), order);
        assertEquals("a b", targets(result.done()));
        assertEquals("c: runc delete demo-c-1: boom", result.failures().stream()
                .map(f -> f.action().service() + ": " + f.message()).collect(Collectors.joining()));
        assertEquals("d", targets(result.skipped()));
    }

    @Test
    @DisplayName("cancel lets the running action finish and starts nothing after it")
    void cancelStopsStartingNewActions() {
        Plan plan = new Plan(List.of(remove(1, "a"), remove(2, "b", 1), remove(3, "c", 2)));
        Executor executor = new Executor(2);
        Executor.Result result = executor.run(plan, a -> {
            if (a.service().equals("a")) executor.cancel();
        });
        assertEquals("a", targets(result.done()));
        assertEquals("b c", targets(result.skipped()));
        assertEquals(List.of(), result.failures());
    }
}
