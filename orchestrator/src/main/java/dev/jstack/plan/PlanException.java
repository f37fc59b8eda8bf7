package dev.jstack.plan;

import java.util.List;

/** The stack asks for something jstack cannot do yet; each problem names its service and what to do instead. */
public final class PlanException extends Exception {
    private final List<String> problems;

    public PlanException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
