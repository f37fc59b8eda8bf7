package dev.jstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

class RunCommandsParseTest {
    private final JstackCommand root = new JstackCommand(Path.of("/srv/lab"), Map.of());

    private ParseResult parse(String... args) {
        return root.commandLine().parseArgs(args);
    }

    private static Object command(ParseResult parsed) {
        return parsed.subcommand().commandSpec().userObject();
    }

    @Test
    @DisplayName("up takes -d and services; down takes -t and -v")
    void upAndDown() {
        UpCommand up = (UpCommand) command(parse("-f", "lab.yml", "up", "-d", "web", "db"));
        assertTrue(up.detach);
        assertEquals(List.of("web", "db"), up.services);
        assertEquals(List.of(Path.of("lab.yml")), root.global().files);
        DownCommand down = (DownCommand) command(new JstackCommand(Path.of("/"), Map.of()).commandLine()
                .parseArgs("down", "-t", "3", "-v"));
        assertEquals(3, down.timeout);
        assertTrue(down.volumes);
    }

    @Test
    @DisplayName("logs -f follows, as in compose; the file is then given before the command")
    void logsFollow() {
        ParseResult parsed = parse("--file", "lab.yml", "logs", "-f", "--tail", "5", "web");
        LogsCommand logs = (LogsCommand) command(parsed);
        assertEquals(Boolean.TRUE, parsed.subcommand().commandSpec().findOption("--follow").getValue());
        assertEquals(5, logs.tail);
        assertEquals(List.of("web"), logs.services);
        assertEquals(List.of(Path.of("lab.yml")), root.global().files);
    }

    @Test
    @DisplayName("exec passes the command's own options through; ps knows table and json only")
    void execAndPs() {
        ExecCommand exec = (ExecCommand) command(parse("exec", "web", "ip", "-o", "link"));
        assertEquals("web", exec.service);
        assertEquals(List.of("ip", "-o", "link"), exec.command);
        assertThrows(CommandLine.ParameterException.class, () -> parse("exec", "web"));
        PsCommand ps = (PsCommand) command(parse("ps", "--format", "json"));
        assertEquals(PsCommand.Format.json, ps.format);
        assertThrows(CommandLine.ParameterException.class, () -> parse("ps", "--format", "yaml"));
    }

    @Test
    @DisplayName("--runtime wins over JSTACK_RUNTIME, which wins over runc")
    void runtimeChoice() {
        UpCommand up = (UpCommand) command(parse("up", "--runtime", "crun"));
        assertEquals("crun", up.runtime.runtime(Map.of("JSTACK_RUNTIME", "/opt/runc")));
        UpCommand plain = (UpCommand) command(new JstackCommand(Path.of("/"), Map.of()).commandLine().parseArgs("up"));
        assertNull(plain.runtime.runtime);
        assertEquals("/opt/runc", plain.runtime.runtime(Map.of("JSTACK_RUNTIME", "/opt/runc")));
        assertEquals("runc", plain.runtime.runtime(Map.of()));
        assertFalse(plain.detach);
    }
}
