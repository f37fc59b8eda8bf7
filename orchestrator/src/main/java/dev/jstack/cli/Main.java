package dev.jstack.cli;

import dev.jstack.runtime.linux.NativeCalls;
import java.nio.file.Path;
import java.util.Optional;

/** The entry point of the jstack command: runs in the process's working directory and environment. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals("version")) {
            // The same lines as the version command, without building the whole command tree first: most of the
            // start-up time of `jstack version` went to picocli reading every command's annotations.
            for (String line : new JstackVersion().getVersion()) {
                System.out.println(line);
            }
            System.exit(ExitCode.OK);
        }
        ProcessLaunch.preferVfork();
        if (System.getenv(Handoff.VARIABLE) != null) {
            // An `up -d` through the launcher: it will most likely start the supervisor in this process, whose first
            // native call binds the C library. Bound meanwhile on the other core, that is 12-17 ms less before the
            // first container (medians of 15 in turns, N=1).
            NativeCalls.bindAhead();
        }
        JstackCommand root = new JstackCommand(Path.of("").toAbsolutePath(), System.getenv());
        Optional<QuickLine> quick = QuickLine.parse(root, args, QuickLine.writer(System.out, "sun.stdout.encoding"),
                QuickLine.writer(System.err, "sun.stderr.encoding"));
        int code = ExitCode.FAILED;
        try {
            code = quick.isPresent() ? quick.get().execute() : root.commandLine(args).execute(args);
        } catch (RuntimeException | Error e) {
            System.err.println("jstack: error: " + (e.getMessage() == null ? e.getClass().getName() : e.getMessage()));
        } finally {
            // Also after an error that escaped the command: a supervisor that runs in this process keeps it alive,
            // and the launcher waits for the code until the process ends or answers.
            System.exit(Handoff.process().end(code));
        }
    }
}
