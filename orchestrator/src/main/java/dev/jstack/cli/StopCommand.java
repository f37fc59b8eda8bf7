package dev.jstack.cli;

import dev.jstack.apply.Project;
import dev.jstack.plan.Plan;
import dev.jstack.supervise.StoppedServices;
import dev.jstack.supervise.SupervisorFiles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jstack stop}: stops the services' running containers, dependents first, and removes nothing. */
@Command(name = "stop", description = "Stop the stack's containers without removing them.")
public final class StopCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RuntimeOptions runtime;

    @Mixin
    ApplyOptions apply;

    @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS",
            description = "Seconds to wait for each container to stop before SIGKILL (default: stop_grace_period).")
    Integer timeout;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services (default: all).")
    List<String> services = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Invocation run = Invocation.of(spec);
        Project project = runtime.open(run);
        Duration grace = timeout == null ? null : Duration.ofSeconds(timeout);
        apply.apply(run, project, p -> {
            Plan plan = p.planner().stop(p.observe(), services, grace);
            // Marked before they stop, so that a supervisor's restart policy does not undo the stop.
            StoppedServices.of(SupervisorFiles.of(p.paths()))
                    .add(services.isEmpty() ? p.stack().services().keySet() : services);
            return plan;
        });
        return ExitCode.OK;
    }
}
