package dev.jstack.cli;

import dev.jstack.apply.Project;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jstack logs}: the services' output from their log files, optionally followed. */
@Command(name = "logs", description = "Show the services' output.")
public final class LogsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RuntimeOptions runtime;

    @Option(names = "--tail", paramLabel = "N", defaultValue = "-1",
            description = "Only the last N lines of each service (default: all).")
    int tail;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services.")
    List<String> services = new ArrayList<>();

    /**
     * Gives {@code -f} to {@code --follow}, as compose's {@code logs -f} does: here the inherited {@code -f/--file}
     * stays available only before the command.
     */
    static void claimShortF(CommandLine logs) {
        CommandSpec command = logs.getCommandSpec();
        OptionSpec file = command.findOption("-f");
        if (file != null) {
            command.remove(file);
        }
        command.addOption(OptionSpec.builder("-f", "--follow").type(boolean.class).arity("0")
                .description("Keep printing what the services write.").build());
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Project project = runtime.open(Invocation.of(spec));
        // As ps does, from the files alone: a killed supervisor is noticed without a round trip on its socket.
        Supervision.of(project).reviveIfDead(project.paths().lockFile(), err::println);
        List<String> selected = LogTail.orAll(services, project);
        for (String s : selected) {
            if (!project.stack().services().containsKey(s)) {
                throw new IllegalArgumentException("no such service: " + s);
            }
        }
        LogTail logs = new LogTail(project, spec.commandLine().getOut(), LogTail.colours());
        Map<String, Long> end = logs.tail(selected, tail);
        if (Boolean.TRUE.equals(spec.findOption("--follow").getValue())) {
            logs.follow(end, () -> false);
        }
        return ExitCode.OK;
    }
}
