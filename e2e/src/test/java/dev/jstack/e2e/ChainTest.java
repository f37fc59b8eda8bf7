package dev.jstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Scenario
@DisplayName("a chain c -> b -> a puts all three services in a's one pinned namespace")
class ChainTest {
    @RegisterExtension
    static final Jstack.Up JSTACK = new Jstack.Up("chain");

    @Test
    @DisplayName("a, b and c have the inode of a's pin; only a has a pin; their PID namespaces differ")
    void oneNamespaceThreeProcessTrees() {
        String pin = Kernel.netnsOfFile(Path.of("/run/netns", JSTACK.pin("a")));
        List<Integer> pids = List.of("a", "b", "c").stream().map(s -> Kernel.pid(JSTACK.container(s))).toList();
        for (int pid : pids) {
            assertEquals(pin, Kernel.namespace(pid, "net"));
        }
        assertEquals(List.of(JSTACK.pin("a")), Kernel.netnsNames().stream()
                .filter(n -> n.startsWith("jstack-" + JSTACK.project() + "-")).toList());
        assertNotEquals(Kernel.namespace(pids.get(0), "pid"), Kernel.namespace(pids.get(2), "pid"));
        assertNotEquals(Kernel.namespace(pids.get(1), "pid"), Kernel.namespace(pids.get(2), "pid"));
    }
}
