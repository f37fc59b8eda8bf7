package dev.jstack.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jstack supervise PROJECT}, hidden: the project's supervisor run through the command tree, as it was started
 * before {@link SupervisorMain}, which {@code up -d} (or a later command that finds it gone) now starts instead.
 * The project name is repeated as a parameter so that its command line names it.
 */
@Command(name = "supervise", hidden = true, description = "Supervise a project's containers (started by up -d).")
public final class SuperviseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RuntimeOptions runtime;

    @Parameters(index = "0", paramLabel = "PROJECT", description = "The project, as up -d names it.")
    String project;

    @Option(names = SupervisorArguments.RESUMED, hidden = true,
            description = "Woken from rest: load the stack as last applied.")
    boolean resumed;

    @Override
    public Integer call() throws Exception {
        JstackCommand root = JstackCommand.of(spec);
        SupervisorMain.supervise(new SupervisorArguments(root.global(), runtime.runtime, project, resumed), root.workingDir(),
                root.environment(), spec.commandLine().getErr());
        return ExitCode.OK;
    }
}
