package dev.jstack.cli;

import java.nio.file.Path;

/** The entry point of the jstack command: runs in the process's working directory and environment. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        JstackCommand root = new JstackCommand(Path.of("").toAbsolutePath(), System.getenv());
        System.exit(root.commandLine().execute(args));
    }
}
