package dev.jstack.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/**
 * One run of a command: the root it runs from (its working directory, environment and global options), the
 * command's object, and the writers it prints to. picocli's commands take theirs from their spec; those that
 * {@link QuickLine} parses get theirs without one, as making a spec costs picocli's model.
 */
record Invocation(JstackCommand root, Object command, PrintWriter out, PrintWriter err) {

    /** The run of the command that {@code spec} describes, with picocli's writers. */
    static Invocation of(CommandSpec spec) {
        return new Invocation(JstackCommand.of(spec), spec.userObject(), spec.commandLine().getOut(),
                spec.commandLine().getErr());
    }
}
