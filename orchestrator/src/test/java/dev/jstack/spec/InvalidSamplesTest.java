package dev.jstack.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jstack.graph.CycleRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Loads every {@code samples/invalid/NAME.yml} as {@code jstack -f samples/invalid/NAME.yml} run from the
 * repository root would (project name {@code samples}, empty environment, no env file, no profile) and
 * compares the report with {@code NAME.expected}. Maven runs tests in the module's directory, so the
 * repository root is its parent.
 */
class InvalidSamplesTest {

    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Path SAMPLES = ROOT.resolve("samples/invalid");

    static List<Path> samples() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            return files.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> eachSampleReportsExactlyItsExpectedText() throws IOException {
        return samples().stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            String name = p.getFileName().toString();
            Path expected = SAMPLES.resolve(name.replace(".yml", ".expected"));
            LoadOptions options = new LoadOptions(List.of(Path.of("samples/invalid", name)), ROOT, "samples",
                    List.of(), Map.of(), Set.of());
            InvalidStackException e = assertThrows(InvalidStackException.class,
                    () -> StackLoader.load(options, List.of(new CycleRule())));
            assertEquals(Files.readString(expected, StandardCharsets.UTF_8).stripTrailing(), e.getMessage());
        }));
    }

    @Test
    void thereAreEnoughSamplesAndEachHasItsExpectedText() throws IOException {
        List<Path> samples = samples();
        assertTrue(samples.size() >= 15, "only " + samples.size() + " samples");
        for (Path p : samples) {
            Path expected = SAMPLES.resolve(p.getFileName().toString().replace(".yml", ".expected"));
            assertTrue(Files.isRegularFile(expected), "missing " + expected);
        }
        try (Stream<Path> files = Files.list(SAMPLES)) {
            for (Path e : files.filter(f -> f.toString().endsWith(".expected")).toList()) {
                assertTrue(Files.isRegularFile(Path.of(e.toString().replace(".expected", ".yml"))), "orphan " + e);
            }
        }
    }
}
