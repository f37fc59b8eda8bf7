package dev.jstack.plan;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A plan: actions in an order in which every action comes after those it waits for, and the warnings planning
 * gave (orphans left in place, services with nothing to start). It prints as one line per action,
 * {@code ID VERB TARGET: CAUSE (after IDS)}, which is what {@code jstack plan} shows and what golden tests compare;
 * warnings are not part of that text.
 */
public record Plan(List<Action> actions, List<String> warnings) {

    public Plan {
        actions = List.copyOf(actions);
        warnings = List.copyOf(warnings);
    }

    public Plan(List<Action> actions) {
        this(actions, List.of());
    }

    public boolean isEmpty() {
        return actions.isEmpty();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (Action a : actions) {
            out.append(a.id()).append(' ').append(a.verb()).append(' ').append(a.target()).append(": ")
                    .append(a.cause());
            if (!a.waitsFor().isEmpty()) {
                out.append(" (after ").append(a.waitsFor().stream().map(String::valueOf)
                        .collect(Collectors.joining(", "))).append(')');
            }
            out.append('\n');
        }
        return out.toString();
    }
}
