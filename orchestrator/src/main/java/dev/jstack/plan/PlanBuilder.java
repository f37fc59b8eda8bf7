package dev.jstack.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.IntFunction;

/** Numbers actions as a planner adds them, keeping each action's waits sorted and free of duplicates. */
final class PlanBuilder {
    private final List<Action> actions = new ArrayList<>();

    /** Adds the action that {@code make} builds from its id; returns that id. */
    int add(IntFunction<Action> make) {
        Action action = make.apply(actions.size() + 1);
        actions.add(action);
        return action.id();
    }

    int nextId() {
        return actions.size() + 1;
    }

    Plan build() {
        return new Plan(actions);
    }

    Plan build(List<String> warnings) {
        return new Plan(actions, warnings);
    }

    /** The given ids without nulls and duplicates, sorted. */
    static List<Integer> waits(List<Integer> ids) {
        return List.copyOf(new TreeSet<>(ids.stream().filter(Objects::nonNull).toList()));
    }
}
