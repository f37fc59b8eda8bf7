package dev.jstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

class QuickLineTest {
    private static final Path DIR = Path.of("/srv");

    @Test
    void everyLineItParsesFillsTheCommandAndGlobalOptionsAsPicocliDoes() {
        List<List<String>> lines = List.of(
                List.of("up", "-d"),
                List.of("-p", "x", "-f", "a.yml", "-f", "b.yml", "up", "--detach", "--remove-orphans", "--no-wait",
                        "--progress", "json", "--runtime", "crun", "web", "db"),
                List.of("up", "web", "-d", "--debug", "-p", "y", "--env-file", "e", "--profile", "dev",
                        "--stacktrace", "-f", "c.yml"),
                List.of("--project-name", "x", "--file", "a.yml", "plan", "--format", "json", "--detailed-exitcode",
                        "--remove-orphans", "web", "--runtime", "/usr/bin/runc"),
                List.of("plan"),
                List.of("ps"),
                List.of("-f", "a.yml", "--env-file", "a.env", "ps", "--format", "json", "-p", "z", "--runtime",
                        "runc", "--env-file", "b.env", "--profile", "p1", "--profile", "p2"),
                List.of("up", "--progress", "plain", "--progress", "tty", "--file", "d.yml"),
                List.of("-p", "a", "up", "-p", "b"),
                List.of("ps", "--format", "table"),
                List.of("plan", "--format", "text", "up"),
                List.of("down"),
                List.of("-p", "x", "-f", "a.yml", "down", "-v", "--timeout", "5", "--no-wait", "--progress", "plain",
                        "--runtime", "crun", "--profile", "p"),
                List.of("down", "--volumes", "-t", "0", "--env-file", "e", "--progress", "json", "-t", "007"));
        for (List<String> line : lines) {
            String[] args = line.toArray(String[]::new);
            JstackCommand byPicocli = new JstackCommand(DIR, Map.of());
            // The narrow tree, as Main builds it for these lines.
            Object picocliCommand = byPicocli.commandLine(args).parseArgs(args).subcommand().commandSpec().userObject();
            JstackCommand byHand = new JstackCommand(DIR, Map.of());
            QuickLine quick = parse(byHand, args).orElseThrow(() -> new AssertionError(line));
            assertEquals(picocliCommand.getClass(), quick.command().getClass(), line.toString());
            assertEquals(fields(picocliCommand), fields(quick.command()), line.toString());
            assertEquals(fields(byPicocli.global()), fields(byHand.global()), line.toString());
        }
    }

    @Test
    void everyOtherLineIsLeftToPicocli() {
        List<List<String>> lines = List.of(List.of(), List.of("--help"), List.of("up", "--help"), List.of("ps", "-h"),
                List.of("-fa.yml", "up"), List.of("--file=a.yml", "up"), List.of("up", "--progress=json"),
                List.of("up", "-dp", "x"), List.of("up", "--", "web"), List.of("up", "@args"),
                List.of("@args", "up"), List.of("plan", "--format", "JSON"), List.of("plan", "--format", "yaml"),
                List.of("plan", "--format"), List.of("-p"), List.of("-p", "-f", "up"), List.of("up", "-f", ""),
                List.of("ps", "web"), List.of("down", "web"), List.of("down", "-t"), List.of("down", "-t", "-1"),
                List.of("down", "-t", "+5"), List.of("down", "-t", "five"), List.of("down", "-t", "1234567890"),
                List.of("down", "-vt", "5"), List.of("down", "--timeout=5"), List.of("down", "-d"), List.of("logs", "web"), List.of("up", "--bogus"),
                List.of("up", "--runtime"), List.of("up", "-d", "--timeout", "5"), List.of("-V"),
                List.of("--debug"), List.of("ps", "--format", "--runtime", "runc"), List.of("-p", "up", "up", "-d"),
                List.of("--profile", "ps", "ps"), List.of("-f", "plan", "plan"), List.of("--env-file", "up", "up"),
                List.of("up", "--runtime", "ps"), List.of("ps", "-p", "logs"));
        for (List<String> line : lines) {
            assertTrue(parse(new JstackCommand(DIR, Map.of()), line.toArray(String[]::new)).isEmpty(),
                    line.toString());
        }
    }

    @Test
    void itsFailuresPrintAndExitAsPicocliRunsThem(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bad.yml"), "services:\n  a:\n    network_mode: nowhere\n");
        List<List<String>> lines = List.of(List.of("-f", "bad.yml", "plan"),
                List.of("-f", "bad.yml", "plan", "--detailed-exitcode"), List.of("-f", "bad.yml", "ps"),
                List.of("-f", "bad.yml", "up", "-d"), List.of("-f", "missing.yml", "ps"),
                List.of("-f", "bad.yml", "--stacktrace", "up", "web"), List.of("-f", "bad.yml", "down"),
                List.of("-f", "bad.yml", "down", "-v", "-t", "3"));
        for (List<String> line : lines) {
            String[] args = line.toArray(String[]::new);
            CliRun byPicocli = CliRun.run(dir, Map.of(), args);
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            QuickLine quick = QuickLine.parse(new JstackCommand(dir, Map.of()), args, new PrintWriter(out, true),
                    new PrintWriter(err, true)).orElseThrow();
            CliRun byHand = new CliRun(quick.execute(), out.toString(), err.toString());
            assertTrue(byPicocli.exitCode() != ExitCode.OK, line + ": " + byPicocli);
            assertEquals(byPicocli.exitCode(), byHand.exitCode(), line.toString());
            assertEquals(byPicocli.out(), byHand.out(), line.toString());
            // Stack traces name the frames they passed through, which differ; their first lines do not.
            assertEquals(firstLines(byPicocli.err()), firstLines(byHand.err()), line.toString());
        }
    }

    // Every field of the object, and of the options objects it holds, by its path; the spec or run that wires a
    // command to its root and writers is left out.
    private static Map<String, Object> fields(Object object) {
        Map<String, Object> fields = new TreeMap<>();
        fields("", object, fields);
        return fields;
    }

    private static void fields(String prefix, Object object, Map<String, Object> into) {
        for (Class<?> c = object.getClass(); c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.getType() == CommandSpec.class
                        || field.getType() == Invocation.class) {
                    continue;
                }
                field.setAccessible(true);
                Object value;
                try {
                    value = field.get(object);
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
                String name = prefix + field.getName();
                if (value != null && !value.getClass().isEnum()
                        && value.getClass().getPackageName().equals(QuickLine.class.getPackageName())) {
                    fields(name + ".", value, into);
                } else {
                    into.put(name, value);
                }
            }
        }
    }

    private static String firstLines(String err) {
        return err.lines().filter(l -> !l.startsWith("\tat ") && !l.startsWith("\t... ")).reduce("", (a, b) -> a + b + "\n");
    }

    @Test
    void theFieldsCompareWhatTheyShouldSeeDifferent() {
        // The comparison above is only as good as its walk: two commands that differ in a mixin's field differ here.
        String[] args = {"up", "-d"};
        QuickLine one = parse(new JstackCommand(DIR, Map.of()), args).orElseThrow();
        QuickLine two = parse(new JstackCommand(DIR, Map.of()), args).orElseThrow();
        ((UpCommand) two.command()).apply.progress = ApplyOptions.ProgressMode.json;
        assertTrue(!fields(one.command()).equals(fields(two.command())));
        assertTrue(fields(one.command()).containsKey("apply.progress"));
        assertTrue(fields(one.command()).containsKey("runtime.runtime"));
    }

    @Test
    void itGivesTheCommandItsRootAndWritersAndNoSpec() {
        JstackCommand root = new JstackCommand(DIR, Map.of());
        PrintWriter out = new PrintWriter(new StringWriter());
        PrintWriter err = new PrintWriter(new StringWriter());
        QuickLine quick = QuickLine.parse(root, new String[] {"-p", "x", "ps"}, out, err).orElseThrow();
        assertEquals(new Invocation(root, quick.command(), out, err), quick.command().run());
        assertEquals("x", root.global().projectName);
        assertEquals(null, quick.command().spec);
    }

    @Test
    void picocliGivesTheSameCommandsTheirRunFromTheirSpec() {
        JstackCommand root = new JstackCommand(DIR, Map.of());
        CommandLine cli = root.commandLine();
        PrintWriter err = new PrintWriter(new StringWriter());
        cli.setErr(err);
        Object ps = cli.parseArgs("ps").subcommand().commandSpec().userObject();
        Invocation run = ((PsCommand) ps).run();
        assertEquals(root, run.root());
        assertEquals(ps, run.command());
        assertEquals(err, cli.getSubcommands().get("ps").getErr());
        assertEquals(err, run.err());
    }

    private static java.util.Optional<QuickLine> parse(JstackCommand root, String[] args) {
        return QuickLine.parse(root, args, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    }
}
