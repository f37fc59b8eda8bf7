package dev.jstack.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jstack version}: jstack's and Java's versions. Loads nothing else, so that it stays fast. */
@Command(name = "version", description = "Print jstack's version and the Java version.")
public final class VersionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (String line : new JstackVersion().getVersion()) out.println(line);
        out.flush();
        return ExitCode.OK;
    }
}
