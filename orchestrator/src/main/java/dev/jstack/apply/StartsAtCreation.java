package dev.jstack.apply;

import dev.jstack.plan.Action;
import dev.jstack.plan.Plan;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Owns which creations of a plan also start their container, and the containers so started whose start action
 * has not run yet, with the pid the runtime gave. A creation whose start follows it directly (the start waits for
 * that creation alone) makes and starts the container in one runtime call: nothing needs the created state in
 * between. Actions are known by their number in the plan: an action's record hashes and compares its service's
 * whole configuration, which at 100 containers cost more than the rest of this bookkeeping.
 */
final class StartsAtCreation {
    private volatile Set<Integer> creations = Set.of();
    private final Map<String, Integer> started = new ConcurrentHashMap<>();

    /** Learns the plan about to run; what earlier plans started and did not check yet is kept. */
    void read(Plan plan) {
        Map<Integer, Action> byId = new HashMap<>();
        plan.actions().forEach(a -> byId.put(a.id(), a));
        Set<Integer> joined = new HashSet<>();
        for (Action a : plan.actions()) {
            if (a instanceof Action.Start start && start.waitsFor().size() == 1
                    && byId.get(start.waitsFor().get(0)) instanceof Action.CreateContainer create
                    && create.container().equals(start.container())) {
                joined.add(create.id());
            }
        }
        creations = Set.copyOf(joined);
    }

    /** Whether {@code create} of the plan last read starts its container too. */
    boolean startsAt(Action.CreateContainer create) {
        return creations.contains(create.id());
    }

    /** Notes that the creation of {@code container} started it as process {@code pid}. */
    void started(String container, int pid) {
        started.put(container, pid);
    }

    /** The pid of {@code container} when its creation started it, forgotten now; empty when it did not. */
    OptionalInt take(String container) {
        Integer pid = started.remove(container);
        return pid == null ? OptionalInt.empty() : OptionalInt.of(pid);
    }

    /** Forgets {@code container}: it is stopped, removed or discarded before its start ran. */
    void forget(String container) {
        started.remove(container);
    }
}
