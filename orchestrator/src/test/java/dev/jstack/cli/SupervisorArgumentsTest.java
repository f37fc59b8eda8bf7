package dev.jstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SupervisorArgumentsTest {

    @Test
    void theSupervisorReadsBackWhatItsLaunchWrote() {
        GlobalOptions global = new GlobalOptions();
        global.addFile(Path.of("base.yml"));
        global.addFile(Path.of("/srv/override.yml"));
        global.addEnvFile(Path.of("prod.env"));
        global.addProfile("debug");
        List<String> launch = Supervision.supervisorArguments(global, "shop", "crun");
        assertEquals(List.of("-p", "shop", "-f", "base.yml", "-f", "/srv/override.yml", "--env-file", "prod.env",
                "--profile", "debug", "supervise", "--runtime", "crun", "shop"), launch);

        SupervisorArguments parsed = SupervisorArguments.parse(launch);
        assertEquals("shop", parsed.project());
        assertEquals("crun", parsed.runtime());
        assertEquals("shop", parsed.global().projectName);
        assertEquals(List.of(Path.of("base.yml"), Path.of("/srv/override.yml")), parsed.global().files);
        assertEquals(List.of(Path.of("prod.env")), parsed.global().envFiles);
        assertEquals(List.of("debug"), parsed.global().profiles);
        assertEquals("crun", parsed.runtimeOptions().runtime(Map.of("JSTACK_RUNTIME", "runc")));
    }

    @Test
    void withoutRuntimeTheEnvironmentOrRuncDecidesAsForTheCommands() {
        SupervisorArguments parsed = SupervisorArguments.parse(List.of("--project-name", "p", "--file", "s.yml",
                "supervise", "p"));
        assertNull(parsed.runtime());
        assertEquals(List.of(Path.of("s.yml")), parsed.global().files);
        assertEquals("crun", parsed.runtimeOptions().runtime(Map.of("JSTACK_RUNTIME", "crun")));
        assertEquals("runc", parsed.runtimeOptions().runtime(Map.of()));
    }

    @Test
    void whatItCannotUseIsNamed() {
        assertEquals("unexpected argument: --debugger", assertThrows(IllegalArgumentException.class,
                () -> SupervisorArguments.parse(List.of("--debugger", "supervise", "p"))).getMessage());
        assertEquals("unexpected argument: q", assertThrows(IllegalArgumentException.class,
                () -> SupervisorArguments.parse(List.of("supervise", "p", "q"))).getMessage());
        assertEquals("option -f needs a value", assertThrows(IllegalArgumentException.class,
                () -> SupervisorArguments.parse(List.of("supervise", "p", "-f"))).getMessage());
        assertEquals("unexpected argument: p", assertThrows(IllegalArgumentException.class,
                () -> SupervisorArguments.parse(List.of("p", "supervise"))).getMessage());
        String usage = "usage: [-p NAME] [-f FILE]... [--env-file FILE]... [--profile NAME]..."
                + " supervise [--runtime NAME] PROJECT [--resumed]";
        assertEquals(usage, assertThrows(IllegalArgumentException.class,
                () -> SupervisorArguments.parse(List.of("-p", "p", "supervise"))).getMessage());
        assertEquals(usage, assertThrows(IllegalArgumentException.class,
                () -> SupervisorArguments.parse(List.of())).getMessage());
    }

    @Test
    void aWokenSupervisorIsToldSoByOneOptionAfterItsProject() {
        assertFalse(SupervisorArguments.parse(List.of("-p", "p", "supervise", "p")).resumed());
        SupervisorArguments woken = SupervisorArguments.parse(List.of("-p", "p", "supervise", "p", "--resumed"));
        assertTrue(woken.resumed());
        assertEquals("p", woken.project());
    }

    @Test
    void theRestingProgramRunsTheSupervisorsOwnCommandLineAgainToWake() {
        List<String> awake = List.of("/usr/bin/java", "-Xmx32m", "-cp", "jstack.jar", "dev.jstack.cli.SupervisorMain",
                "-p", "shop", "supervise", "shop", "--resumed");
        List<String> resting = RestingMain.command(awake, "shop");
        assertEquals("/usr/bin/java", resting.get(0));
        assertEquals(RestingMain.JVM_OPTIONS, resting.subList(1, 1 + RestingMain.JVM_OPTIONS.size()));
        List<String> rest = resting.subList(1 + RestingMain.JVM_OPTIONS.size(), resting.size());
        assertEquals(List.of("-cp", System.getProperty("java.class.path"), "dev.jstack.cli.RestingMain", "shop", "--",
                "/usr/bin/java", "-Xmx32m", "-cp", "jstack.jar", "dev.jstack.cli.SupervisorMain", "-p", "shop",
                "supervise", "shop"), rest);
    }

    @Test
    void theRestComesAfterTenQuietSecondsUnlessTheEnvironmentSaysOtherwise() {
        List<String> log = new ArrayList<>();
        assertEquals(Optional.of(Duration.ofSeconds(10)), SupervisorMain.restAfter(Map.of(), log::add));
        assertEquals(Optional.of(Duration.ofSeconds(2)),
                SupervisorMain.restAfter(Map.of("JSTACK_SUPERVISOR_REST", "2"), log::add));
        assertEquals(Optional.empty(), SupervisorMain.restAfter(Map.of("JSTACK_SUPERVISOR_REST", "never"), log::add));
        assertEquals(List.of(), log);
        assertEquals(Optional.of(Duration.ofSeconds(10)),
                SupervisorMain.restAfter(Map.of("JSTACK_SUPERVISOR_REST", "soon"), log::add));
        assertEquals(List.of("JSTACK_SUPERVISOR_REST=soon is neither a number of seconds nor never: resting after"
                + " 10 s"), log);
    }

    @Test
    void theSupervisorsEntryPointIsNotTheCommandTree() {
        // Supervisors finds the supervisor by the words `supervise` and the project in its command line.
        assertEquals("dev.jstack.cli.SupervisorMain", SupervisorMain.class.getName());
        assertEquals(List.of("supervise", "--runtime", "runc", "p"),
                Supervision.supervisorArguments(new GlobalOptions(), "p", "runc").subList(2, 6));
    }

    @Test
    void logLinesAreStampedInUtcToTheMillisecondAsInstantPrintsThem() {
        assertEquals("2026-11-28T09:21:41.062Z", LogLines.stamp(1_795_857_701_062L));
        assertEquals("1970-01-01T00:00:00.000Z", LogLines.stamp(0));
        assertEquals("1969-12-31T23:59:59.999Z", LogLines.stamp(-1));
        assertEquals("2024-02-29T23:05:09.100Z", LogLines.stamp(1_709_247_909_100L));
        for (long t : new long[] {1_795_857_701_062L, 1_709_247_909_100L, 951_782_400_007L}) {
            assertEquals(java.time.Instant.ofEpochMilli(t).toString(), LogLines.stamp(t));
        }
    }
}
