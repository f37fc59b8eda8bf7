package dev.jstack.apply;

import dev.jstack.plan.Action;
import dev.jstack.plan.Plan;
import dev.jstack.runtime.RuntimeFailure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Walks a plan in dependency order, running each action as soon as everything it waits for is done, at most
 * {@code parallelism} at once. It decides nothing: after the first failure it starts no new action, lets the
 * running ones finish and reports which actions failed and which never ran.
 */
public final class Executor {

    /** Carries out one action. */
    @FunctionalInterface
    public interface Step {
        void run(Action action) throws RuntimeFailure;

        /** Learns the whole plan before its first action runs, to join steps that follow each other in it. */
        default void begin(Plan plan) {
        }
    }

    /** One failed action and the runtime's own message. */
    public record Failure(Action action, String message) {
    }

    /** What a walk did: the actions done, failed and never started, each in plan order. */
    public record Result(List<Action> done, List<Failure> failures, List<Action> skipped) {
        public boolean ok() {
            return failures.isEmpty();
        }
    }

    private final int parallelism;
    private volatile boolean cancelled;

    public Executor(int parallelism) {
        this.parallelism = Math.max(1, parallelism);
    }

    /** An executor as wide as {@link #widthFor} says for this machine's processors. */
    public static Executor forThisMachine() {
        return new Executor(widthFor(Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Twice the processors, and never more than 4. Part of a runtime call is spent waiting (for the kernel to make
     * namespaces and cgroups, for the container's init to report back), and between calls each action writes its
     * own files: with two actions per processor one's waiting and writing overlap with another's runtime call. More
     * than 4 only queues runc processes for the same processors, and their mounts for the same kernel locks.
     */
    static int widthFor(int processors) {
        return Math.min(4, 2 * Math.max(1, processors));
    }

    /**
     * Starts no further action, in this walk or any later one: the walk lets the running ones finish and returns,
     * so what they made is recorded. Called from a shutdown hook when the user interrupts a command.
     */
    public void cancel() {
        cancelled = true;
    }

    public Result run(Plan plan, Step step) {
        step.begin(plan);
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "jstack-apply");
            t.setDaemon(true);
            return t;
        });
        try {
            return walk(plan, step, new ExecutorCompletionService<>(pool));
        } finally {
            pool.shutdownNow();
        }
    }

    private Result walk(Plan plan, Step step, ExecutorCompletionService<Action> completion) {
        Map<Integer, Action> pending = new LinkedHashMap<>();
        plan.actions().forEach(a -> pending.put(a.id(), a));
        Set<Integer> done = new HashSet<>();
        List<Action> doneActions = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        Map<Future<Action>, Action> running = new LinkedHashMap<>();
        while (true) {
            if (failures.isEmpty() && !cancelled) {
                submitReady(pending, done, running, step, completion);
            }
            if (running.isEmpty()) {
                break;
            }
            Future<Action> finished = take(completion);
            Action a = running.remove(finished);
            try {
                finished.get();
                done.add(a.id());
                doneActions.add(a);
            } catch (ExecutionException e) {
                failures.add(new Failure(a, message(e.getCause())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add(new Failure(a, "interrupted"));
            }
        }
        doneActions.sort(Comparator.comparingInt(Action::id));
        return new Result(doneActions, failures, List.copyOf(pending.values()));
    }

    // Walks the pending actions in plan order without copying them: with hundreds of actions, a copy per finished
    // action was most of what the walk allocated.
    private void submitReady(Map<Integer, Action> pending, Set<Integer> done, Map<Future<Action>, Action> running,
                             Step step, ExecutorCompletionService<Action> completion) {
        for (Iterator<Action> it = pending.values().iterator(); it.hasNext() && running.size() < parallelism; ) {
            Action a = it.next();
            if (done.containsAll(a.waitsFor())) {
                it.remove();
                running.put(completion.submit(() -> { step.run(a); return a; }), a);
            }
        }
    }

    // Keeps waiting through interrupts: running actions must finish, or what they made would not be known.
    private static Future<Action> take(ExecutorCompletionService<Action> completion) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return completion.take();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String message(Throwable cause) {
        String text = cause.getMessage();
        return text == null || text.isBlank() ? cause.getClass().getSimpleName() : text;
    }
}
