package dev.jstack.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * The supervisor's command line, read by hand: the global options that chose the stack, then {@code supervise
 * [--runtime NAME] PROJECT}, exactly as {@link Supervision#launch} writes them, and {@code --resumed} when it
 * wakes from rest. The supervisor's process reads them
 * without picocli, whose command model is hundreds of classes that would stay loaded for the supervisor's lifetime.
 */
record SupervisorArguments(GlobalOptions global, String runtime, String project, boolean resumed) {
    /** The option a resting supervisor adds when it wakes: load the stack as last applied, at once. */
    static final String RESUMED = "--resumed";

    /** The arguments of {@code args}; throws {@link IllegalArgumentException} naming the first one it cannot use. */
    static SupervisorArguments parse(List<String> args) {
        GlobalOptions global = new GlobalOptions();
        String runtime = null;
        String project = null;
        boolean verb = false;
        boolean resumed = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!verb && arg.equals("supervise")) {
                verb = true;
                continue;
            }
            switch (arg) {
                case "-p", "--project-name" -> global.projectName = value(args, ++i, arg);
                case "-f", "--file" -> global.addFile(Path.of(value(args, ++i, arg)));
                case "--env-file" -> global.addEnvFile(Path.of(value(args, ++i, arg)));
                case "--profile" -> global.addProfile(value(args, ++i, arg));
                case "--runtime" -> runtime = value(args, ++i, arg);
                case RESUMED -> resumed = true;
                default -> {
                    if (!verb || project != null || arg.startsWith("-")) {
                        throw new IllegalArgumentException("unexpected argument: " + arg);
                    }
                    project = arg;
                }
            }
        }
        if (!verb || project == null) {
            throw new IllegalArgumentException("usage: [-p NAME] [-f FILE]... [--env-file FILE]... [--profile NAME]..."
                    + " supervise [--runtime NAME] PROJECT [--resumed]");
        }
        return new SupervisorArguments(global, runtime, project, resumed);
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new IllegalArgumentException("option " + option + " needs a value");
        }
        return args.get(index);
    }

    /** The {@code --runtime} option as the commands that run containers hold it. */
    RuntimeOptions runtimeOptions() {
        RuntimeOptions options = new RuntimeOptions();
        options.runtime = runtime;
        return options;
    }
}
