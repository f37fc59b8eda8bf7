package dev.jstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Scenario
@DisplayName("none: the service gets a new namespace, pinned under /run/netns, holding only lo, which is up")
class NoneModeTest {
    @RegisterExtension
    static final Jstack.Up JSTACK = new Jstack.Up("none");

    @Test
    @DisplayName("ip netns exec on the pin shows only lo, and lo is UP")
    void onlyLoopbackAndItIsUp() {
        List<String> links = Kernel.linksIn(JSTACK.pin("lonely"));
        assertEquals(1, links.size(), links::toString);
        assertTrue(links.get(0).contains(": lo:"), links::toString);
        assertTrue(links.get(0).matches(".*<[^>]*\\bUP\\b[^>]*>.*"), links::toString);
    }

    @Test
    @DisplayName("the container is in the pinned namespace, which is not the host's")
    void containerIsInThePin() {
        int pid = Kernel.pid(JSTACK.container("lonely"));
        String pin = Kernel.netnsOfFile(Path.of("/run/netns", JSTACK.pin("lonely")));
        assertEquals(pin, Kernel.namespace(pid, "net"));
        assertNotEquals(Kernel.hostNetns(), pin);
        assertTrue(Kernel.netnsNames().contains(JSTACK.pin("lonely")), "ip netns list shows the pin");
    }

    @Test
    @DisplayName("exec gives the command a terminal when jstack's stdin is one, and passes its exit code through")
    void execWithATerminal() {
        // script(1) runs jstack on a new pseudo-terminal, as a user's shell would.
        String line = String.join(" ", JSTACK.commandLine("exec", "lonely", "sh", "-c", "'tty; exit 5'"));
        Shell.Result result = Shell.run("script", "-qec", line, "/dev/null");
        assertEquals(5, result.exitCode(), result::toString);
        assertTrue(result.out().contains("/dev/pts/"), "tty inside names a pseudo-terminal: " + result.out());
        Shell.Result piped = JSTACK.run("exec", "lonely", "sh", "-c", "tty; exit 0");
        assertTrue(piped.out().contains("not a tty"), "without a terminal, none is made: " + piped.out());
    }
}
