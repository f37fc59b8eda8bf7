package dev.jstack.cli;

import dev.jstack.runtime.RuntimeFailure;
import dev.jstack.runtime.linux.LinuxProcessReaper;
import dev.jstack.supervise.Supervisor;
import dev.jstack.supervise.SupervisorFiles;
import dev.jstack.state.ProjectPaths;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jstack supervise PROJECT}, hidden: the project's supervisor, started detached by {@code up -d} (or by a
 * later command that finds it gone). The project name is repeated as a parameter so that its command line names it.
 */
@Command(name = "supervise", hidden = true, description = "Supervise a project's containers (started by up -d).")
public final class SuperviseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RuntimeOptions runtime;

    @Parameters(index = "0", paramLabel = "PROJECT", description = "The project, as up -d names it.")
    String project;

    @Override
    public Integer call() throws Exception {
        try {
            LinuxProcessReaper.detachFromTerminal();
        } catch (RuntimeFailure alreadyLeader) {
            // Already a session leader: the terminal's signals cannot reach it either.
        }
        JstackCommand root = JstackCommand.of(spec);
        PrintWriter err = spec.commandLine().getErr();
        SupervisorFiles files = SupervisorFiles.of(ProjectPaths.onHost(project));
        Supervisor supervisor = new Supervisor(
                progress -> runtime.open(root.load(spec).stack(), root.environment(), err, progress),
                files, LinuxProcessReaper.shared(), Clock.systemUTC(), line -> {
                    err.println(Instant.now() + " " + line);
                    err.flush();
                });
        supervisor.run();
        return ExitCode.OK;
    }
}
