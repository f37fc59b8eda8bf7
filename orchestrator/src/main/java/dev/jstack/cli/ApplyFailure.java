package dev.jstack.cli;

import dev.jstack.apply.Executor;
import java.util.stream.Collectors;

/** A plan that did not apply: one line per failed service with the runtime's own message (exit 1). */
final class ApplyFailure extends Exception {

    ApplyFailure(Executor.Result result) {
        super(result.failures().stream()
                .map(f -> "service " + f.action().service() + ": " + f.message())
                .collect(Collectors.joining("\n")));
    }
}
