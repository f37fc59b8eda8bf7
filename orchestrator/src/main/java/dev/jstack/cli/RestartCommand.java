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
 * {@code jstack restart}: replaces the services' containers in their namespaces; a restarted namespace owner keeps
 * its pin, so the services that share its network are not touched. In a project brought up with {@code up -d}
 * the supervisor does it (see {@link Supervised}).
 */
@Command(name = "restart", description = "Restart the stack's containers.")
public final class RestartCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RuntimeOptions runtime;

    @Mixin
    ApplyOptions apply;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services (default: all).")
    List<String> services = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        return Supervised.selected(Invocation.of(spec), runtime, apply, "restart", services,
                (project, selected) -> project.planner().restart(project.observe(), selected));
    }
}
