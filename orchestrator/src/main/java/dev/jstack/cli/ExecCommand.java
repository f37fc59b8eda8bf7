package dev.jstack.cli;

import dev.jstack.apply.Project;
import dev.jstack.state.ObservedContainer;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jstack exec SERVICE CMD...}: runs a command in a running service's container; its exit code is ours. */
@Command(name = "exec", description = "Run a command in a running service's container.")
public final class ExecCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RuntimeOptions runtime;

    @Parameters(index = "0", paramLabel = "SERVICE", description = "The service.")
    String service;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "CMD", description = "The command and its arguments.")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Project project = runtime.open(Invocation.of(spec));
        // As ps does, from the files alone: a killed supervisor is noticed without a round trip on its socket.
        Supervision.of(project).reviveIfDead(project.paths().lockFile(), err::println);
        if (!project.stack().services().containsKey(service)) {
            throw new IllegalArgumentException("no such service: " + service);
        }
        String id = project.paths().containerId(service);
        boolean running = project.observe().container(id).map(ObservedContainer::isRunning).orElse(false);
        if (!running) {
            throw new IllegalStateException("service " + service + " is not running: start it with `jstack up -d "
                    + service + "`");
        }
        spec.commandLine().getOut().flush();
        return project.host().runtime().exec(id, command, System.console() != null);
    }
}
