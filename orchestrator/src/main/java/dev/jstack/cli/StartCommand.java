package dev.jstack.cli;

import dev.jstack.apply.Project;
import dev.jstack.plan.Plan;
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
        JstackCommand root = JstackCommand.of(spec);
        Project project = runtime.open(root.load(spec).stack(), root.environment(), spec.commandLine().getErr());
        // A supervised project's supervisor creates the containers, so that it reaps them and restarts them.
        Supervised.applyOrSend(spec, runtime, apply, project, "start", services, p -> {
            Plan plan = p.planner().start(p.observe(), services);
            UserStops.lift(p, plan, services);
            return plan;
        });
        return ExitCode.OK;
    }
}
