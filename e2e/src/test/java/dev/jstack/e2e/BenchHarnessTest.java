package dev.jstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark harness of docs/performance.md, run small (N=2, one run of each shape) against the real launcher and
 * runc: it measures every column, writes its JSON, and leaves no project, container, pin or mount behind.
 */
@Scenario
@DisplayName("e2e/bench/run measures every shape against runc's floor, writes its JSON and leaves nothing behind")
class BenchHarnessTest {
    /** 64-69 s here: each shape waits for its supervisor to rest before it reads what stays resident. */
    private static final long HARNESS_SECONDS = 900;
    private static final List<String> SHAPES = List.of("joined", "none", "host");
    private static final List<String> MEASURED = List.of("up_cold", "up_again", "plan", "ps", "down", "floor_up",
            "floor_down", "rss_per_n", "pss_per_n", "pss_awake");

    @TempDir
    Path tmp;

    @Test
    @DisplayName("--sizes 2 --runs 1: a table, a verdict per target, JSON with a positive median for every column")
    void smallRun() throws Exception {
        Path repo = Jstack.repository();
        Path out = tmp.resolve("results.json");
        Shell.Result run = Shell.run(List.of(repo.resolve("e2e/bench/run").toString(), "--sizes", "2", "--shapes",
                String.join(",", SHAPES), "--runs", "1", "--out", out.toString()), repo, Map.of(), HARNESS_SECONDS);
        String said = "stdout:\n" + run.out() + "\nstderr:\n" + run.err();
        assertEquals(0, run.exitCode(), said);
        assertFalse((run.out() + run.err()).contains("did not rest"), "memory at rest is measured at rest: " + said);
        for (String shape : SHAPES) {
            assertTrue(run.out().lines().anyMatch(l -> l.matches(shape + "\\s+2\\s+[0-9.]+\\s.*")), said);
        }
        assertTrue(run.out().lines().anyMatch(l -> l.matches("jstack version: [0-9.]+ s \\(median of [0-9]+\\)")),
                said);

        JsonNode result = new ObjectMapper().readTree(out.toFile());
        assertTrue(result.path("machine").path("nproc").asInt(0) > 0, "nproc is recorded: " + result);
        assertTrue(result.path("machine").path("runc").asText().startsWith("runc version"), result.toString());
        assertTrue(result.path("version").path("median").asDouble() > 0, result.toString());
        List<String> shapes = new ArrayList<>();
        for (JsonNode row : result.path("rows")) {
            shapes.add(row.path("shape").asText());
            assertEquals(2, row.path("n").asInt());
            for (String column : MEASURED) {
                assertTrue(row.path(column).isNumber() && row.path(column).asDouble() > 0,
                        row.path("shape").asText() + " " + column + ": " + row.path(column));
            }
        }
        assertEquals(SHAPES, shapes);

        assertEquals(List.of(), Kernel.runcContainers("bench-"), "the harness's containers are gone");
        assertEquals(List.of(), Kernel.runcContainers("jstack-bench-floor"), "the floor's containers are gone");
        assertEquals(List.of(), Kernel.mountsContaining("bench-"), "no mount of the harness is left");
        assertEquals(List.of(), Kernel.netnsNames().stream().filter(n -> n.contains("bench")).toList());
        for (String shape : SHAPES) {
            assertFalse(Files.exists(Path.of("/run/jstack/bench-" + shape + "-2")), shape + ": no run directory");
        }
    }

    @Test
    @DisplayName("the harness's own unit tests (medians, table, verdicts) pass")
    void reportUnitTests() {
        Path bench = Jstack.repository().resolve("e2e/bench");
        Shell.Result run = Shell.run(List.of("python3", "-m", "unittest", "test_report.py"), bench, Map.of());
        assertEquals(0, run.exitCode(), run.out() + run.err());
    }
}
