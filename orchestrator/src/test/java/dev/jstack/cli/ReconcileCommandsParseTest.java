package dev.jstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ReconcileCommandsParseTest {

    private static Object command(String... args) {
        return new JstackCommand(Path.of("/srv/lab"), Map.of()).commandLine().parseArgs(args).subcommand()
                .commandSpec().userObject();
    }

    @Test
    @DisplayName("plan takes --format text|json, --detailed-exitcode, --remove-orphans and services")
    void plan() {
        PlanCommand plan = (PlanCommand) command("plan", "--format", "json", "--detailed-exitcode", "web");
        assertEquals(PlanCommand.Format.json, plan.format);
        assertTrue(plan.detailedExitcode);
        assertFalse(plan.removeOrphans);
        assertEquals(List.of("web"), plan.services);
        assertEquals(PlanCommand.Format.text, ((PlanCommand) command("plan")).format);
        assertThrows(CommandLine.ParameterException.class, () -> command("plan", "--format", "yaml"));
    }

    @Test
    @DisplayName("up takes --remove-orphans, --no-wait and --progress; auto is the default")
    void upOptions() {
        UpCommand up = (UpCommand) command("up", "-d", "--remove-orphans", "--no-wait", "--progress", "json");
        assertTrue(up.removeOrphans);
        assertTrue(up.apply.noWait);
        assertEquals(ApplyOptions.ProgressMode.json, up.apply.progress);
        assertEquals(ApplyOptions.ProgressMode.auto, ((UpCommand) command("up")).apply.progress);
        assertThrows(CommandLine.ParameterException.class, () -> command("up", "--progress", "fancy"));
    }

    @Test
    @DisplayName("start, stop -t and restart take services; down takes --no-wait")
    void startStopRestart() {
        assertEquals(List.of("a", "b"), ((StartCommand) command("start", "a", "b")).services);
        StopCommand stop = (StopCommand) command("stop", "-t", "2", "web");
        assertEquals(2, stop.timeout);
        assertEquals(List.of("web"), stop.services);
        RestartCommand restart = (RestartCommand) command("restart", "--progress", "plain", "owner");
        assertEquals(List.of("owner"), restart.services);
        assertEquals(ApplyOptions.ProgressMode.plain, restart.apply.progress);
        assertTrue(((DownCommand) command("down", "--no-wait")).apply.noWait);
    }

    @Test
    @DisplayName("plan --detailed-exitcode turns an invalid file into 1, not 2 (which means changes pending)")
    void detailedExitcodeErrors(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("stack.yml"), "services:\n  a:\n    network_mode: nowhere\n");
        assertEquals(ExitCode.INVALID, CliRun.run(dir, Map.of(), "plan").exitCode());
        CliRun detailed = CliRun.run(dir, Map.of(), "plan", "--detailed-exitcode");
        assertEquals(ExitCode.FAILED, detailed.exitCode());
        assertTrue(detailed.err().contains("stack.yml:3:"), detailed.err());
    }
}
