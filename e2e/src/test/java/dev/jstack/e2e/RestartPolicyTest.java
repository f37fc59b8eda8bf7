package dev.jstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@Scenario
@DisplayName("the supervisor restarts on-failure:2 twice, then gives up; restart: no stays down")
class RestartPolicyTest {
    private static final Jstack JSTACK = new Jstack("policies");
    private static final Path RUNS = Path.of("/tmp/jstack-e2e-policies");

    @BeforeAll
    static void up() throws IOException {
        JSTACK.run("down", "-t", "1");
        Shell.run("rm", "-rf", RUNS.toString()).expectOk();
        JSTACK.run("up", "-d").expectOk();
    }

    @AfterAll
    static void down() {
        JSTACK.down();
        Shell.run("rm", "-rf", RUNS.toString());
    }

    private static long runs(String service) {
        try {
            return Files.readAllLines(RUNS.resolve(service).resolve("runs")).size();
        } catch (IOException e) {
            return 0;
        }
    }

    private static JsonNode row(String service) {
        try {
            JsonNode rows = new ObjectMapper().readTree(JSTACK.run("ps", "--format", "json").expectOk().out());
            for (JsonNode r : rows) {
                if (r.path("service").asText().equals(service)) return r;
            }
            return null;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @DisplayName("on-failure:2 runs three times in all and restarts twice; no runs once")
    void onFailureGivesUpAndNoStaysDown() throws Exception {
        Eventually.await("flaky to run three times", Duration.ofSeconds(30), () -> runs("flaky"), n -> n >= 3);
        JsonNode flaky = Eventually.await("two restarts of flaky", Duration.ofSeconds(10), () -> row("flaky"),
                r -> r != null && r.path("restarts").asInt() == 2);
        // Beyond its longest back-off (200 ms) and a few ticks: nothing more happens.
        Thread.sleep(3000);
        assertEquals(3, runs("flaky"), "on-failure:2 gives up after two restarts");
        assertEquals("stopped", Kernel.status(JSTACK.container("flaky")));
        assertEquals(2, row("flaky").path("restarts").asInt(), flaky::toString);

        assertEquals(1, runs("once"), "restart: no runs once");
        assertEquals("stopped", Kernel.status(JSTACK.container("once")));
        assertEquals(0, row("once").path("restarts").asInt());
    }
}
