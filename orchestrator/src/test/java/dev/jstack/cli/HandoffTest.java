package dev.jstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jstack.state.ProjectPaths;
import dev.jstack.supervise.SupervisorFiles;
import dev.jstack.supervise.Supervisors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without the launcher's pipe a command hands nothing off: it starts no supervisor in its process (the supervisor is
 * a process of its own then) and ends with its own exit code. The hand-off itself is proven end to end (e2e
 * HandoffTest).
 */
class HandoffTest {
    @TempDir
    Path run;

    private static final Supervisors.Launch LAUNCH = new Supervisors.Launch("/srv/shop", List.of("java", "-cp",
            "jstack.jar", SupervisorMain.class.getName(), "-p", "shop", "supervise", "shop"));

    @Test
    @DisplayName("no variable, a word, standard streams or a descriptor that is no pipe: nothing is handed off")
    void onlyAPipeHandsOff() throws Exception {
        SupervisorFiles files = SupervisorFiles.of(new ProjectPaths("shop", run, run.resolve("lib"),
                run.resolve("netns")));
        for (Map<String, String> env : List.of(Map.<String, String>of(), Map.of(Handoff.VARIABLE, "three"),
                Map.of(Handoff.VARIABLE, "1"), Map.of(Handoff.VARIABLE, "2"), Map.of(Handoff.VARIABLE, "987654"))) {
            Handoff handoff = Handoff.of(env);
            assertFalse(handoff.start(LAUNCH, env, files), env.toString());
            assertEquals(3, handoff.end(3), "the command's own code: " + env);
        }
        assertFalse(Files.exists(files.log()), "no supervisor's log was opened");
        assertTrue(Files.notExists(files.socket()), "no socket");
    }
}
