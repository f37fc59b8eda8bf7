package dev.jstack.spec;

import java.util.List;

/**
 * A check over a whole loaded stack that lives outside this package (the cycle check belongs to the graph).
 * The loader runs every rule after its own checks, so that all problems are reported at once.
 */
@FunctionalInterface
public interface StackRule {
    List<Diagnostic> check(Stack stack, SourceMap sources);
}
