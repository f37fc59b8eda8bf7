package dev.jstack.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine;

/** One run of the jstack command line in a test: its exit code and what it printed. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(Path workingDir, Map<String, String> environment, String... args) {
        return run(workingDir, environment, cli -> { }, args);
    }

    /** Runs with {@code setup} applied to the command line first, e.g. to add a test command. */
    static CliRun run(Path workingDir, Map<String, String> environment, Consumer<CommandLine> setup, String... args) {
        CommandLine cli = new JstackCommand(workingDir, environment).commandLine();
        setup.accept(cli);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
