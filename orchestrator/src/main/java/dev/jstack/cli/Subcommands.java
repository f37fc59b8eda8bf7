package dev.jstack.cli;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the subcommand a command line names without picocli: the first word that is not a global option or its
 * value. It answers only when the words before it are global options it knows; anything else (help, version, an
 * unknown option, {@code --}) is left to picocli with the whole tree, so that its messages stay the same.
 */
final class Subcommands {
    /** Each subcommand's name, as its {@code @Command} gives it (a test keeps the two equal). */
    static final Map<String, Class<?>> BY_NAME = Map.ofEntries(
            Map.entry("config", ConfigCommand.class),
            Map.entry("graph", GraphCommand.class),
            Map.entry("up", UpCommand.class),
            Map.entry("down", DownCommand.class),
            Map.entry("plan", PlanCommand.class),
            Map.entry("start", StartCommand.class),
            Map.entry("stop", StopCommand.class),
            Map.entry("restart", RestartCommand.class),
            Map.entry("ps", PsCommand.class),
            Map.entry("logs", LogsCommand.class),
            Map.entry("exec", ExecCommand.class),
            Map.entry("image", ImageCommand.class),
            Map.entry("version", VersionCommand.class),
            Map.entry("supervise", SuperviseCommand.class));

    /** The global options that take a value, in the separate-word form ({@code -f FILE}). */
    private static final Set<String> WITH_VALUE = Set.of("-p", "--project-name", "-f", "--file", "--env-file",
            "--profile");
    private static final Set<String> FLAGS = Set.of("--stacktrace", "--debug");

    private Subcommands() {
    }

    /** The class of the subcommand {@code args} name, when plain; empty when picocli should see every one. */
    static Optional<Class<?>> named(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (WITH_VALUE.contains(arg)) {
                i++;
            } else if (!FLAGS.contains(arg) && !isAttachedValue(arg)) {
                return Optional.ofNullable(BY_NAME.get(arg));
            }
        }
        return Optional.empty();
    }

    // --file=FILE and -fFILE, the forms picocli also accepts for an option with a value.
    private static boolean isAttachedValue(String arg) {
        int eq = arg.indexOf('=');
        if (arg.startsWith("--") && eq > 2) {
            return WITH_VALUE.contains(arg.substring(0, eq));
        }
        return arg.length() > 2 && (arg.startsWith("-p") || arg.startsWith("-f")) && !arg.startsWith("--");
    }
}
