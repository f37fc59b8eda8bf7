package dev.jstack.apply;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jstack.plan.Netns;
import dev.jstack.runtime.RuntimeFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetnsVerifierTest {
    private static final int SELF = (int) ProcessHandle.current().pid();

    @Test
    @DisplayName("a process in the namespace its mode requires passes")
    void sameNamespace() {
        assertDoesNotThrow(() -> NetnsVerifier.proc().verify("c", SELF, new Netns.Host()));
    }

    @Test
    @DisplayName("a process in another namespace than its mode requires fails, naming both inodes")
    void otherNamespace(@TempDir Path tmp) throws Exception {
        // A plain file has an inode too, and it is never this process's network namespace.
        Path other = Files.createFile(tmp.resolve("not-a-namespace"));
        RuntimeFailure e = assertThrows(RuntimeFailure.class,
                () -> NetnsVerifier.proc().verify("c", SELF, netns(other.toString())));
        assertTrue(e.getMessage().startsWith("container c is in network namespace net:["), e.getMessage());
    }

    private static Netns netns(String path) {
        return new Netns.Existing(path);
    }
}
