package dev.jstack.cli;

/** The entry point of the jstack command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(ExitCode.OK);
    }
}
