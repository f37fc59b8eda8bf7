package dev.jstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@Scenario
@DisplayName("ns:PATH: the service joins a namespace made by ip netns add, which down leaves in place")
class NamespacePathTest {
    private static final Jstack JSTACK = new Jstack("nspath");
    private static final String LAB = "jstack-e2e-lab";

    @BeforeAll
    static void up() {
        JSTACK.run("down", "-t", "1");
        Shell.run("ip", "netns", "del", LAB);
        Shell.run("ip", "netns", "add", LAB).expectOk();
        JSTACK.run("up", "-d").expectOk();
    }

    @AfterAll
    static void cleanUp() {
        try {
            JSTACK.down();
        } finally {
            Shell.run("ip", "netns", "del", LAB);
        }
    }

    @Test
    @DisplayName("the container's network namespace is the one at /run/netns/jstack-e2e-lab")
    void joinsThePath() {
        int pid = Kernel.pid(JSTACK.container("probe"));
        assertEquals(Kernel.netnsOfFile(Path.of("/run/netns", LAB)), Kernel.namespace(pid, "net"));
    }

    @Test
    @DisplayName("down removes the container but not a namespace jstack did not make")
    void downKeepsForeignNamespace() {
        JSTACK.down();
        assertEquals("absent", Kernel.status(JSTACK.container("probe")));
        assertTrue(Kernel.netnsNames().contains(LAB));
        JSTACK.run("up", "-d").expectOk();
    }
}
