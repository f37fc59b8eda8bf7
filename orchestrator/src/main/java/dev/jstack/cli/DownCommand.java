package dev.jstack.cli;

import dev.jstack.apply.Project;
import dev.jstack.supervise.Supervisors;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jstack down}: stops every container of the project (stop_signal, then SIGKILL after the grace period),
 * dependents first, and removes containers, rootfs mounts, pins, records and the project's run directory.
 */
@Command(name = "down", description = "Stop and remove the stack's containers, namespaces and records.")
public final class DownCommand extends QuickCommand {

    @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS",
            description = "Seconds to wait for each container to stop before SIGKILL (default: stop_grace_period).")
    Integer timeout;

    @Mixin
    ApplyOptions apply;

    @Option(names = {"-v", "--volumes"}, description = "Also remove the named volumes the file declares.")
    boolean volumes;

    @Override
    public Integer call() throws Exception {
        Invocation run = run();
        PrintWriter err = run.err();
        Project project = runtime.open(run);
        Duration grace = timeout == null ? null : Duration.ofSeconds(timeout);
        Supervisors supervisors = Supervision.of(project);
        apply.apply(run, project, p -> {
            // The supervisor goes first, under the lock, or it would bring back what down stops.
            supervisors.stop(err::println);
            return p.planner().down(p.observe(), grace);
        }, () -> {
            project.host().rootfs().unmountAll(project.paths().runDir());
            supervisors.forget();
            project.removeLeftovers(volumes);
            return null;
        });
        return ExitCode.OK;
    }
}
