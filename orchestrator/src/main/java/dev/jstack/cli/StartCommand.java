package dev.jstack.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jstack start}: starts the services' existing containers that are not running, and what they need; in a
 * project brought up with {@code up -d}, through its supervisor (see {@link Supervised}).
 */
@Command(name = "start", description = "Start the stack's existing containers.")
public final class StartCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RuntimeOptions runtime;

    @Mixin
    ApplyOptions apply;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services and what they need.")
    List<String> services = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        return Supervised.selected(Invocation.of(spec), runtime, apply, "start", services,
                (project, selected) -> project.planner().start(project.observe(), selected));
    }
}
