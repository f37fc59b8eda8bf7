package dev.jstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@Scenario
@DisplayName("a service that cannot start is named with the runtime's message, and nothing of it leaks")
class FailureTest {

    @Test
    @DisplayName("a missing program fails up with exit 1 and runc's words; down then leaves nothing")
    void missingProgram() throws Exception {
        Jstack jstack = new Jstack("badprog");
        jstack.run("down", "-t", "1");
        Shell.Result up = jstack.run("up", "-d");
        assertEquals(1, up.exitCode(), up.err());
        assertTrue(up.err().contains("service broken:"), up.err());
        assertTrue(up.err().contains("/nonexistent/program"), up.err());
        assertEquals("absent", Kernel.status(jstack.container("broken")), "the failed container was rolled back");
        assertFalse(Files.exists(Path.of("/run/jstack", jstack.project(), "bundles", jstack.container("broken"))));
        jstack.down();
        assertEquals(List.of(), Kernel.mountsContaining(jstack.project()));
        assertEquals(List.of(), Kernel.runcContainers(jstack.project() + "-"));
        assertEquals(List.of(), Kernel.netnsNames().stream().filter(n -> n.contains(jstack.project())).toList());
        assertFalse(Files.exists(Path.of("/run/jstack", jstack.project())));
    }

    @Test
    @DisplayName("ns:PATH onto a file that is no network namespace fails up clearly and makes nothing")
    void notANamespace() throws Exception {
        Jstack jstack = new Jstack("nsbad");
        jstack.run("down", "-t", "1");
        Shell.Result up = jstack.run("up", "-d");
        assertEquals(1, up.exitCode(), up.err());
        assertTrue(up.err().contains("/etc/hostname is not a network namespace"), up.err());
        assertEquals(List.of(), Kernel.runcContainers(jstack.project() + "-"));
        assertEquals(List.of(), Kernel.mountsContaining(jstack.project()));
        jstack.down();
        assertFalse(Files.exists(Path.of("/run/jstack", jstack.project())));
    }
}
