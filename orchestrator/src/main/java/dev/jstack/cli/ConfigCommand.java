package dev.jstack.cli;

import dev.jstack.spec.InvalidStackException;
import dev.jstack.spec.Stack;
import dev.jstack.spec.StackWriter;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jstack config}: the normalized, interpolated model, or with {@code -q} only the validation. */
@Command(name = "config", description = "Print the normalized, interpolated stack; -q only validates it.")
public final class ConfigCommand implements Callable<Integer> {

    /** The output formats of {@code config}. */
    enum Format { YAML, JSON }

    @Spec
    CommandSpec spec;

    @Option(names = "--format", defaultValue = "yaml", paramLabel = "yaml|json",
            description = "Output format: yaml (default) or json.")
    Format format;

    @Option(names = {"-q", "--quiet"}, description = "Only validate: print nothing, exit 0 when valid.")
    boolean quiet;

    @Override
    public Integer call() throws InvalidStackException {
        Stack stack = JstackCommand.of(spec).load(spec.commandLine().getErr()).stack();
        if (!quiet) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(format == Format.JSON ? StackWriter.json(stack) : StackWriter.yaml(stack));
            out.flush();
        }
        return ExitCode.OK;
    }
}
