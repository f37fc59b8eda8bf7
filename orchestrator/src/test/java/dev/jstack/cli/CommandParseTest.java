package dev.jstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jstack.graph.GraphFormat;
import dev.jstack.spec.LoadOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

class CommandParseTest {

    private static final Path CWD = Path.of("/srv/shop");

    private final JstackCommand root = new JstackCommand(CWD, Map.of("HOME", "/root"));

    private ParseResult parse(String... args) {
        return root.commandLine().parseArgs(args);
    }

    @Test
    void filesAreAcceptedBeforeAndAfterTheCommand() {
        parse("-f", "a.yml", "config", "--file", "b.yml", "-f", "/etc/c.yml");
        assertEquals(List.of(Path.of("a.yml"), Path.of("b.yml"), Path.of("/etc/c.yml")), root.global.files);
    }

    @Test
    void globalOptionsBecomeLoadOptionsWithFilesAsWritten() {
        parse("config", "-p", "demo", "--env-file", "x.env", "--profile", "debug", "--profile", "admin", "-f", "s.yml");
        LoadOptions options = root.global.loadOptions(CWD, Map.of("HOME", "/root"));
        assertEquals(new LoadOptions(List.of(Path.of("s.yml")), CWD, "demo",
                List.of(Path.of("x.env")), Map.of("HOME", "/root"), Set.of("admin", "debug")), options);
    }

    @Test
    void noOptionsMeanDefaults() {
        parse("config");
        LoadOptions options = root.global.loadOptions(CWD, Map.of());
        assertEquals(List.of(), options.files());
        assertEquals(null, options.projectName());
        assertFalse(root.global.showStackTraces());
    }

    @Test
    void stacktraceAndDebugShowTraces() {
        parse("config", "--stacktrace");
        assertTrue(root.global.showStackTraces());
        JstackCommand other = new JstackCommand(CWD, Map.of());
        other.commandLine().parseArgs("--debug", "graph");
        assertTrue(other.global.showStackTraces());
    }

    @Test
    void configTakesAFormatAndQuiet() {
        ParseResult parsed = parse("config", "--format", "json", "-q");
        ConfigCommand config = (ConfigCommand) parsed.subcommand().commandSpec().userObject();
        assertEquals(ConfigCommand.Format.JSON, config.format);
        assertTrue(config.quiet);
        ConfigCommand plain = (ConfigCommand) parse("config").subcommand().commandSpec().userObject();
        assertEquals(ConfigCommand.Format.YAML, plain.format);
        assertFalse(plain.quiet);
    }

    @Test
    void graphTakesDotOrMermaid() {
        GraphCommand graph =
                (GraphCommand) parse("graph", "--format", "mermaid").subcommand().commandSpec().userObject();
        assertEquals(GraphFormat.MERMAID, graph.format);
        GraphCommand plain = (GraphCommand) parse("graph").subcommand().commandSpec().userObject();
        assertEquals(GraphFormat.DOT, plain.format);
        assertThrows(CommandLine.ParameterException.class, () -> parse("graph", "--format", "svg"));
    }

    @Test
    void everyCommandTakesHelp() {
        assertTrue(parse("--help").isUsageHelpRequested());
        assertTrue(parse("graph", "--help").subcommand().isUsageHelpRequested());
        assertTrue(parse("config", "-h").subcommand().isUsageHelpRequested());
    }

    @Test
    void optionsBeforeTheCommandSurviveItsParsing() {
        parse("-p", "one", "-f", "a.yml", "--env-file", "x.env", "--profile", "debug", "config");
        assertEquals(new LoadOptions(List.of(Path.of("a.yml")), CWD, "one", List.of(Path.of("x.env")), Map.of(),
                Set.of("debug")), root.global.loadOptions(CWD, Map.of()));
    }

    @Test
    void theLastProjectNameWins() {
        parse("-p", "one", "config", "-p", "two");
        assertEquals("two", root.global.projectName);
    }

    @Test
    void everySubcommandIsRegistered() {
        assertEquals(List.of("config", "graph", "up", "down", "plan", "start", "stop", "restart", "ps", "logs",
                        "exec", "image", "version", "supervise"),
                List.copyOf(root.commandLine().getSubcommands().keySet()));
    }
}
