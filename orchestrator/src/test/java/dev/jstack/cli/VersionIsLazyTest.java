package dev.jstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code jstack version} must stay fast: a fresh JVM running it loads no YAML, graph or JSON library class.
 * Only a separate JVM can tell, since this one has loaded them for other tests.
 */
class VersionIsLazyTest {

    private static final List<String> HEAVY = List.of(" org.snakeyaml.", " org.jgrapht.", " com.fasterxml.");

    @Test
    void versionLoadsNoYamlGraphOrJsonClasses() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-verbose:class", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "version").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), output);
        assertTrue(output.contains("jstack "), output);
        List<String> heavy = output.lines()
                .filter(l -> l.startsWith("[") && l.contains("class,load"))
                .filter(l -> HEAVY.stream().anyMatch(l::contains))
                .toList();
        assertEquals(List.of(), heavy);
    }
}
