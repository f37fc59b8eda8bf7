package dev.jstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jstack.runtime.HostNotReadyException;
import dev.jstack.spec.Diagnostic;
import dev.jstack.spec.InvalidStackException;
import dev.jstack.spec.Position;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

class ErrorReporterTest {

    private static final Path CWD = Path.of("/srv/shop");

    /** A command that fails with a given exception, to drive the error handling end to end. */
    @Command(name = "fail")
    static final class FailCommand implements Callable<Integer> {
        private final Exception failure;

        FailCommand(Exception failure) {
            this.failure = failure;
        }

        @Override
        public Integer call() throws Exception {
            throw failure;
        }
    }

    private static CliRun failWith(Exception failure, String... options) {
        String[] args = new String[options.length + 1];
        args[0] = "fail";
        System.arraycopy(options, 0, args, 1, options.length);
        return CliRun.run(CWD, Map.of(), cli -> cli.addSubcommand(new FailCommand(failure)), args);
    }

    @Test
    void anInvalidStackPrintsEveryDiagnosticAndExits2() {
        InvalidStackException invalid = new InvalidStackException(List.of(
                Diagnostic.error(new Position("stack.yml", 3, 5), "service `b` is not defined", "did you mean `a`?"),
                Diagnostic.error(new Position("stack.yml", 9, 1), "`ports` needs a network", null)));
        CliRun run = failWith(invalid);
        assertEquals(new CliRun(2, "", """
                stack.yml:3:5: error: service `b` is not defined
                  fix: did you mean `a`?
                stack.yml:9:1: error: `ports` needs a network
                """), run);
    }

    @Test
    void aHostThatIsNotReadyExits3WithWhatToDo() {
        CliRun run = failWith(new HostNotReadyException("runc is missing: apt-get install -y runc"));
        assertEquals(new CliRun(3, "", "jstack: runc is missing: apt-get install -y runc\n"), run);
    }

    @Test
    void anyOtherFailureIsOneLineAndExits1() {
        assertEquals(new CliRun(1, "", "jstack: error: disk full\n"), failWith(new IllegalStateException("disk full")));
        assertEquals(new CliRun(1, "", "jstack: error: NullPointerException\n"), failWith(new NullPointerException()));
    }

    @Test
    void stackTracesOnlyWhenAskedFor() {
        CliRun traced = failWith(new IllegalStateException("disk full"), "--stacktrace");
        assertEquals(1, traced.exitCode());
        assertTrue(traced.err().startsWith("jstack: error: disk full\njava.lang.IllegalStateException: disk full\n"),
                traced.err());
        assertTrue(traced.err().contains("\tat dev.jstack.cli.ErrorReporterTest.stackTracesOnlyWhenAskedFor("),
                traced.err());
        CliRun debug = failWith(new IllegalStateException("disk full"), "--debug");
        assertTrue(debug.err().contains("\tat "), debug.err());
    }

    @Test
    void aUsageErrorSaysWhatIsWrongAndWhereHelpIsAndExits2() {
        CliRun run = CliRun.run(CWD, Map.of(), "config", "--format", "xml");
        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertEquals("""
                jstack: error: Invalid value for option '--format': expected one of [YAML, JSON] (case-insensitive) \
                but was 'xml'
                See 'jstack config --help'.
                """, run.err());
    }

    @Test
    void anUnknownCommandGetsASuggestion() {
        CliRun run = CliRun.run(CWD, Map.of(), "confg");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("jstack: error: Unmatched argument at index 0: 'confg'\n"
                + "Did you mean: jstack config"), run.err());
        assertTrue(run.err().endsWith("?\nSee 'jstack --help'.\n"), run.err());
    }

    @Test
    void noCommandIsAUsageError() {
        assertEquals(new CliRun(2, "", "jstack: error: a command is missing\nSee 'jstack --help'.\n"),
                CliRun.run(CWD, Map.of()));
    }
}
