package dev.jstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VersionCommandTest {

    private static final String JAVA_LINE =
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")";

    @Test
    void printsJstacksBuildVersionAndTheJavaVersion() {
        CliRun run = CliRun.run(Path.of("/"), Map.of(), "version");
        assertEquals(0, run.exitCode());
        assertEquals("", run.err());
        String[] lines = run.out().split("\n");
        assertEquals(2, lines.length, run.out());
        // The build fills the version in; an unfiltered resource would print ${project.version}.
        assertTrue(lines[0].matches("jstack \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), lines[0]);
        assertEquals(JAVA_LINE, lines[1]);
    }

    @Test
    void theVersionOptionPrintsTheSame() {
        assertEquals(CliRun.run(Path.of("/"), Map.of(), "version"), CliRun.run(Path.of("/"), Map.of(), "--version"));
    }
}
