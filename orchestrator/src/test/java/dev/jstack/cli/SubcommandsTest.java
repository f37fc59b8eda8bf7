package dev.jstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;

class SubcommandsTest {

    @Test
    void everySubcommandIsFoundByTheNameItsAnnotationGives() {
        Map<String, Class<?>> byAnnotation = new LinkedHashMap<>();
        JstackCommand.SUBCOMMANDS.forEach(c -> byAnnotation.put(c.getAnnotation(Command.class).name(), c));
        assertEquals(byAnnotation, Map.copyOf(Subcommands.BY_NAME));
    }

    @Test
    void theSubcommandIsTheFirstWordThatIsNoGlobalOptionOrItsValue() {
        assertEquals(Optional.of(PsCommand.class), named("ps"));
        assertEquals(Optional.of(UpCommand.class), named("-p", "up", "-f", "ps", "up", "-d"));
        assertEquals(Optional.of(PlanCommand.class), named("--file=down", "-pstop", "--debug", "plan", "--format",
                "json"));
        assertEquals(Optional.of(DownCommand.class), named("--env-file", "x", "--profile", "a", "--stacktrace", "down"));
    }

    @Test
    void helpVersionUnknownOptionsAndUnknownNamesGetTheWholeTree() {
        for (List<String> args : List.of(List.<String>of(), List.of("--help"), List.of("-h", "ps"), List.of("-V"),
                List.of("--bogus", "ps"), List.of("--", "ps"), List.of("pss"), List.of("-f"), List.of("-p", "x"))) {
            assertEquals(Optional.empty(), named(args.toArray(String[]::new)), args.toString());
        }
    }

    @Test
    void theNarrowTreeParsesAsTheWholeOne() {
        List<List<String>> lines = List.of(List.of("-f", "a.yml", "up", "-d", "--remove-orphans", "web"),
                List.of("down", "-v", "-f", "b.yml"), List.of("-p", "x", "ps", "--format", "json"),
                List.of("plan", "--detailed-exitcode"), List.of("exec", "web", "ls", "-l"),
                List.of("logs", "-f", "web"), List.of("image", "ls"));
        for (List<String> line : lines) {
            String[] args = line.toArray(String[]::new);
            assertEquals(describe(whole().parseArgs(args)), describe(narrow(args).parseArgs(args)), line.toString());
        }
    }

    private static Optional<Class<?>> named(String... args) {
        return Subcommands.named(args);
    }

    private static CommandLine whole() {
        return new JstackCommand(Path.of("/srv"), Map.of()).commandLine();
    }

    private static CommandLine narrow(String[] args) {
        CommandLine cli = new JstackCommand(Path.of("/srv"), Map.of()).commandLine(args);
        assertEquals(1, cli.getSubcommands().size(), List.of(args).toString());
        return cli;
    }

    // Every level's matched options and positional values, as text.
    private static List<String> describe(ParseResult parsed) {
        List<String> levels = new java.util.ArrayList<>();
        for (ParseResult r = parsed; r != null; r = r.subcommand()) {
            levels.add(r.commandSpec().name() + " " + r.matchedOptions().stream()
                    .map(o -> o.longestName() + "=" + o.stringValues()).toList() + " "
                    + r.matchedPositionals().stream().map(p -> p.stringValues()).toList());
        }
        return levels;
    }
}
