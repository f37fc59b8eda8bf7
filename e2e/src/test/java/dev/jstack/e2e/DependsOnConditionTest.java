package dev.jstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@Scenario
@DisplayName("up -d starts app only once db is healthy and migrate has exited 0; a failed dependency stops app2")
class DependsOnConditionTest {
    private static final Jstack JSTACK = new Jstack("conditions");
    private static final long TICKS_PER_SECOND = 100;

    @BeforeAll
    static void clean() {
        JSTACK.run("down", "-t", "1");
    }

    @AfterAll
    static void down() {
        JSTACK.down();
    }

    @Test
    @DisplayName("app waits for db's health check (db is ready 2 s after it starts) and for migrate's exit 0")
    void appWaitsForHealthyAndCompleted() throws Exception {
        Shell.Result up = JSTACK.run("up", "-d", "app").expectOk();
        String err = up.err();
        int healthy = err.indexOf(JSTACK.container("db") + "  Healthy");
        int exited = err.indexOf(JSTACK.container("migrate") + "  Exited (0)");
        int created = err.indexOf(JSTACK.container("app") + "  Created");
        assertTrue(healthy >= 0 && exited >= 0 && created > healthy && created > exited, err);

        int db = Kernel.pid(JSTACK.container("db"));
        int app = Kernel.pid(JSTACK.container("app"));
        long waited = Supervision.startTicks(app) - Supervision.startTicks(db);
        assertTrue(waited >= 2 * TICKS_PER_SECOND, "app started " + waited + " ticks after db, before db was ready");
        assertEquals("stopped", Kernel.status(JSTACK.container("migrate")));

        Eventually.await("db's health in ps", Duration.ofSeconds(10), () -> {
            try {
                JsonNode r = new ObjectMapper().readTree(JSTACK.run("ps", "--format", "json").expectOk().out());
                for (JsonNode row : r) {
                    if (row.path("service").asText().equals("db")) return row.path("health").asText();
                }
                return "";
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }, h -> h.equals("healthy"));
    }

    @Test
    @DisplayName("app2's dependency exits 4: up fails, says so, and app2 is never created")
    void failedDependencyStopsTheDependent() {
        Shell.Result up = JSTACK.run("up", "-d", "app2");
        assertNotEquals(0, up.exitCode(), up.err());
        assertTrue(up.err().contains("service app2 waits for broken to complete successfully, but "
                + JSTACK.container("broken") + " exited with code 4"), up.err());
        assertEquals("absent", Kernel.status(JSTACK.container("app2")));
    }
}
