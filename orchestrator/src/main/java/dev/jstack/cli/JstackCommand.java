package dev.jstack.cli;

import dev.jstack.spec.InvalidStackException;
import dev.jstack.spec.LoadResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The root command: the global options, the list of subcommands, and the host context (working directory,
 * environment) that commands load the stack from.
 */
@Command(name = "jstack", mixinStandardHelpOptions = true, versionProvider = JstackVersion.class,
        scope = CommandLine.ScopeType.INHERIT,
        description = "A daemonless, compose-like orchestrator for Linux.")
public final class JstackCommand implements Callable<Integer> {

    /** Every subcommand, in the order help lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            ConfigCommand.class,
            GraphCommand.class,
            UpCommand.class,
            DownCommand.class,
            PlanCommand.class,
            StartCommand.class,
            StopCommand.class,
            RestartCommand.class,
            PsCommand.class,
            LogsCommand.class,
            ExecCommand.class,
            ImageCommand.class,
            VersionCommand.class,
            SuperviseCommand.class);

    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    private final Path workingDir;
    private final Map<String, String> environment;

    /** A root command working in {@code workingDir} with the given process environment. */
    public JstackCommand(Path workingDir, Map<String, String> environment) {
        this.workingDir = workingDir;
        this.environment = Map.copyOf(environment);
    }

    /** The command line for this root, with every subcommand and jstack's error handling. */
    public CommandLine commandLine() {
        return commandLine(SUBCOMMANDS);
    }

    /**
     * The command line that {@code args} need: only the subcommand they name when that is plain, else every one.
     * picocli reads the annotations of each subcommand it is given, which was most of the start-up of a command;
     * help, errors before the subcommand and unknown names still see the whole tree.
     */
    public CommandLine commandLine(String[] args) {
        return commandLine(Subcommands.named(args).map(List::<Class<?>>of).orElse(SUBCOMMANDS));
    }

    private CommandLine commandLine(List<Class<?>> subcommands) {
        CommandLine cli = new CommandLine(this);
        // A loop, not a method reference: the archive's dump links the target of an archived lambda, and picocli's
        // classes (class file version 49) are left out of the archive once linked there, so CommandLine itself was
        // parsed from the jar on every start.
        for (Class<?> subcommand : subcommands) {
            cli.addSubcommand(subcommand);
        }
        Map<String, CommandLine> added = cli.getSubcommands();
        if (added.containsKey("logs")) {
            LogsCommand.claimShortF(added.get("logs"));
        }
        if (added.containsKey("exec")) {
            // Everything after `exec SERVICE` belongs to the command run in the container, its options included.
            added.get("exec").setStopAtPositional(true);
        }
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOverwrittenOptionsAllowed(true);
        ErrorReporter errors = new ErrorReporter();
        cli.setParameterExceptionHandler(errors);
        cli.setExecutionExceptionHandler(errors);
        return cli;
    }

    /** The root command of any command in its tree. */
    static JstackCommand of(CommandSpec spec) {
        return (JstackCommand) spec.root().userObject();
    }

    /** The process environment the commands run in (JSTACK_RUNTIME, ...). */
    Map<String, String> environment() {
        return environment;
    }

    /** The directory the command was started in, which relative paths are resolved against. */
    Path workingDir() {
        return workingDir;
    }

    GlobalOptions global() {
        return global;
    }

    /** Loads the stack that the global options name; its warnings go to {@code err}. */
    LoadResult load(PrintWriter err) throws InvalidStackException {
        return global.load(workingDir, environment, err);
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "a command is missing");
    }
}
