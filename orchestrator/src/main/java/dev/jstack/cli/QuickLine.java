package dev.jstack.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Owns the parsing of the command lines that people and pipelines type most, {@code up}, {@code down}, {@code plan}
 * and {@code ps} with their usual options, by hand into the very command objects picocli would fill, which then run
 * without picocli: with the writers picocli would give them, and failures reported by {@link ErrorReporter} as
 * always. picocli's command line took about 85 ms of each command's start, 50 of them the proxy classes the JDK
 * generates for the annotations it reads; even a model made without annotations loaded and initialised over a hundred
 * of picocli's classes (about 45 ms).
 *
 * <p>It answers only when it knows every word: global options and the command's own, each value in the next word,
 * and service names. Anything else (help, a value attached as in {@code -fFILE} or {@code --file=FILE}, {@code --},
 * an {@code @file}, a format in capitals, a command's name as a value, another command, a word that is missing) is
 * left to picocli and its whole
 * model, so that what it accepts and every message it prints stay picocli's. {@code QuickLineTest} parses the same
 * lines both ways and compares the commands they fill.
 */
final class QuickLine {
    private final QuickCommand command;

    private QuickLine(QuickCommand command) {
        this.command = command;
    }

    /**
     * The command of {@code args} run from {@code root}, printing to {@code out} and {@code err}, or empty when
     * picocli should parse them.
     */
    static Optional<QuickLine> parse(JstackCommand root, String[] args, PrintWriter out, PrintWriter err) {
        GlobalOptions global = new GlobalOptions();
        int at = 0;
        int taken;
        while (at < args.length && (taken = global(global, args, at)) != 0) {
            if (taken < 0) {
                return Optional.empty();
            }
            at += taken;
        }
        if (at == args.length) {
            return Optional.empty();
        }
        QuickCommand command = command(args[at]);
        if (command == null || !words(command, global, args, at + 1)) {
            return Optional.empty();
        }
        root.global = global;
        command.quickRun = new Invocation(root, command, out, err);
        return Optional.of(new QuickLine(command));
    }

    /** The writers picocli would give a command: the standard streams, flushed at every line. */
    static PrintWriter writer(PrintStream stream, String encodingProperty) {
        String encoding = System.getProperty(encodingProperty);
        Charset charset = encoding != null && Charset.isSupported(encoding) ? Charset.forName(encoding)
                : Charset.defaultCharset();
        return new PrintWriter(new BufferedWriter(new OutputStreamWriter(stream, charset)), true);
    }

    /** The object the words filled. */
    QuickCommand command() {
        return command;
    }

    /** Runs the command: its exit code, or the one {@link ErrorReporter} gives its failure, as picocli would. */
    int execute() {
        try {
            Integer code = command.call();
            return code == null ? ExitCode.OK : code;
        } catch (Exception e) {
            return new ErrorReporter().report(e, command.run());
        }
    }

    // A command with its mixins, as picocli makes them, or null when it is no command this class parses. The options'
    // defaults are the fields' initial values, which picocli keeps too.
    private static QuickCommand command(String name) {
        QuickCommand command;
        switch (name) {
            case "up" -> {
                UpCommand up = new UpCommand();
                up.apply = new ApplyOptions();
                command = up;
            }
            case "down" -> {
                DownCommand down = new DownCommand();
                down.apply = new ApplyOptions();
                command = down;
            }
            case "plan" -> command = new PlanCommand();
            case "ps" -> command = new PsCommand();
            default -> {
                return null;
            }
        }
        command.runtime = new RuntimeOptions();
        return command;
    }

    // Every word after the command's name into the command or the global options; false when one is not known.
    private static boolean words(QuickCommand command, GlobalOptions global, String[] args, int from) {
        for (int at = from; at < args.length; ) {
            int taken = global(global, args, at);
            if (taken == 0 && args[at].equals("--runtime")) {
                taken = (command.runtime.runtime = value(args, at + 1)) == null ? 0 : 2;
            } else if (taken == 0) {
                taken = command instanceof UpCommand up ? up(up, args, at)
                        : command instanceof DownCommand down ? down(down, args, at)
                        : command instanceof PlanCommand plan ? plan(plan, args, at)
                        : ps((PsCommand) command, args, at);
            }
            if (taken <= 0) {
                return false;
            }
            at += taken;
        }
        return true;
    }

    // How many words an option of up takes at args[at] (or a service name, one); 0 when it is not known. --runtime,
    // which all four take, is read by words().
    private static int up(UpCommand up, String[] args, int at) {
        switch (args[at]) {
            case "-d", "--detach" -> up.detach = true;
            case "--remove-orphans" -> up.removeOrphans = true;
            case "--no-wait", "--progress" -> {
                return applyOption(up.apply, args, at);
            }
            default -> {
                return service(args[at], up.services);
            }
        }
        return 1;
    }

    // down takes no service names; its timeout only as plain digits, which picocli reads as the same number.
    private static int down(DownCommand down, String[] args, int at) {
        switch (args[at]) {
            case "-v", "--volumes" -> down.volumes = true;
            case "--no-wait", "--progress" -> {
                return applyOption(down.apply, args, at);
            }
            case "-t", "--timeout" -> {
                String value = value(args, at + 1);
                if (value == null || !value.matches("[0-9]{1,9}")) {
                    return 0;
                }
                down.timeout = Integer.valueOf(value);
                return 2;
            }
            default -> {
                return 0;
            }
        }
        return 1;
    }

    // The options that up and down share (ApplyOptions): how many words one takes at args[at]; 0 when it is not known.
    private static int applyOption(ApplyOptions apply, String[] args, int at) {
        switch (args[at]) {
            case "--no-wait" -> {
                apply.noWait = true;
                return 1;
            }
            case "--progress" -> {
                return (apply.progress = choice(args, at + 1, ApplyOptions.ProgressMode.values())) == null ? 0 : 2;
            }
            default -> {
                return 0;
            }
        }
    }

    private static int plan(PlanCommand plan, String[] args, int at) {
        switch (args[at]) {
            case "--detailed-exitcode" -> plan.detailedExitcode = true;
            case "--remove-orphans" -> plan.removeOrphans = true;
            case "--format" -> {
                return (plan.format = choice(args, at + 1, PlanCommand.Format.values())) == null ? 0 : 2;
            }
            default -> {
                return service(args[at], plan.services);
            }
        }
        return 1;
    }

    // ps takes no service names.
    private static int ps(PsCommand ps, String[] args, int at) {
        switch (args[at]) {
            case "--format" -> {
                return (ps.format = choice(args, at + 1, PsCommand.Format.values())) == null ? 0 : 2;
            }
            default -> {
                return 0;
            }
        }
    }

    /**
     * How many words the global option at {@code args[at]} takes (1 a flag, 2 with its value) after setting it in
     * {@code global}; 0 when the word is no global option, -1 when its value is missing or could be read otherwise.
     */
    private static int global(GlobalOptions global, String[] args, int at) {
        switch (args[at]) {
            case "--debug" -> global.debug = true;
            case "--stacktrace" -> global.stacktrace = true;
            case "-p", "--project-name", "-f", "--file", "--env-file", "--profile" -> {
                String value = value(args, at + 1);
                if (value == null) {
                    return -1;
                }
                switch (args[at]) {
                    case "-p", "--project-name" -> global.projectName = value;
                    case "-f", "--file" -> global.addFile(Path.of(value));
                    case "--env-file" -> global.addEnvFile(Path.of(value));
                    default -> global.addProfile(value);
                }
                return 2;
            }
            default -> {
                return 0;
            }
        }
        return 1;
    }

    // The word at args[at] as an option's value; null (picocli decides) when it is missing or could be read as
    // an option, an @file or a command: picocli takes no command's name as an option's value.
    private static String value(String[] args, int at) {
        if (at >= args.length || args[at].isEmpty() || args[at].startsWith("-") || args[at].startsWith("@")
                || Subcommands.BY_NAME.containsKey(args[at])) {
            return null;
        }
        return args[at];
    }

    // The constant named exactly by the word at args[at]; picocli also takes other cases, and says what is wrong.
    private static <E extends Enum<E>> E choice(String[] args, int at, E[] constants) {
        String value = value(args, at);
        for (E constant : constants) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        return null;
    }

    // A service name takes one word; one that could be read as an option or an @file is left to picocli.
    private static int service(String word, List<String> services) {
        if (word.isEmpty() || word.startsWith("-") || word.startsWith("@")) {
            return 0;
        }
        services.add(word);
        return 1;
    }
}
