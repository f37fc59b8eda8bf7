package dev.jstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jstack.graph.CycleRule;
import dev.jstack.spec.InvalidStackException;
import dev.jstack.spec.LoadOptions;
import dev.jstack.spec.Stack;
import dev.jstack.spec.StackLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * For every valid sample ({@code samples/*.yml} and {@code samples/*}{@code /*.yml}, not {@code samples/invalid}),
 * what {@code jstack config} prints, in YAML and in JSON, loads back to an equal stack. The samples are copied to
 * a temporary directory first, so that the output can sit next to them (the project directory stays the same)
 * without writing into the repository.
 */
class ConfigRoundTripTest {

    private static final Path SAMPLES = Path.of("").toAbsolutePath().getParent().resolve("samples");
    private static final Set<String> PROFILES = Set.of("debug");

    @TempDir
    Path dir;

    static List<Path> validSamples() throws IOException {
        try (Stream<Path> files = Files.walk(SAMPLES, 2)) {
            return files.filter(p -> p.toString().endsWith(".yml"))
                    .filter(p -> !p.startsWith(SAMPLES.resolve("invalid")))
                    .map(SAMPLES.getParent()::relativize)
                    .sorted()
                    .toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> configOutputLoadsBackToAnEqualStack() throws IOException {
        List<Path> samples = validSamples();
        assertTrue(samples.size() >= 6, "only " + samples.size() + " samples: " + samples);
        return samples.stream().flatMap(sample -> Stream.of("yaml", "json").map(format ->
                DynamicTest.dynamicTest(sample + " as " + format, () -> roundTrip(sample, format))));
    }

    private void roundTrip(Path sample, String format) throws IOException, InvalidStackException {
        Path workingDir = dir.resolve(format);
        Path copy = workingDir.resolve(sample);
        Files.createDirectories(copy.getParent());
        try (Stream<Path> siblings = Files.list(SAMPLES.getParent().resolve(sample).getParent())) {
            for (Path f : siblings.filter(Files::isRegularFile).toList()) {
                Files.copy(f, copy.getParent().resolve(f.getFileName()));
            }
        }
        Stack original = load(workingDir, sample);
        List<String> args = List.of("config", "--format", format, "--profile", "debug", "-f", sample.toString());
        CliRun run = CliRun.run(workingDir, Map.of(), args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        Path output = sample.resolveSibling("config-output." + format);
        Files.writeString(workingDir.resolve(output), run.out());
        assertEquals(withoutFiles(original), withoutFiles(load(workingDir, output)), run.out());
    }

    private static Stack load(Path workingDir, Path file) throws InvalidStackException {
        return StackLoader.load(new LoadOptions(List.of(file), workingDir, null, List.of(), Map.of(), PROFILES),
                List.of(new CycleRule())).stack();
    }

    private static Stack withoutFiles(Stack s) {
        return new Stack(s.name(), s.projectDir(), List.of(), s.services(), s.volumes(), s.extensions());
    }
}
