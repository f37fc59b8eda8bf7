package dev.jstack.cli;

import dev.jstack.runtime.HostNotReadyException;
import dev.jstack.spec.Diagnostic;
import dev.jstack.spec.InvalidStackException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place where failures become output and exit codes: an invalid stack prints its diagnostics (2), a
 * usage error its message and where to find help (2), a host that is not ready what to do (3), anything else one
 * line (1); under {@code plan --detailed-exitcode} every error is 1. Java stack traces only with {@code --stacktrace} or {@code --debug}.
 */
final class ErrorReporter implements IParameterExceptionHandler, IExecutionExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cli = ex.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println("jstack: error: " + ex.getMessage());
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("See '" + cli.getCommandSpec().qualifiedName() + " --help'.");
        err.flush();
        return ExitCode.INVALID;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parsed) {
        return report(ex, Invocation.of(cli.getCommandSpec()));
    }

    /** What a command's failure prints, and its exit code, however the command was parsed. */
    int report(Exception ex, Invocation run) {
        PrintWriter err = run.err();
        int code;
        if (ex instanceof InvalidStackException invalid) {
            for (Diagnostic d : invalid.diagnostics()) err.println(d);
            code = ExitCode.INVALID;
        } else if (ex instanceof HostNotReadyException notReady) {
            err.println("jstack: " + notReady.getMessage());
            code = ExitCode.HOST_NOT_READY;
        } else {
            err.println("jstack: error: " + describe(ex));
            code = ExitCode.FAILED;
        }
        if (run.command() instanceof PlanCommand plan && plan.detailedExitcode) {
            // 2 means "changes pending" there: every error, an invalid file included, is 1.
            code = ExitCode.FAILED;
        }
        if (run.root().global().showStackTraces()) ex.printStackTrace(err);
        err.flush();
        return code;
    }

    private static String describe(Throwable ex) {
        String message = ex.getMessage();
        return message == null || message.isBlank() ? ex.getClass().getSimpleName() : message;
    }
}
