package dev.jstack.state;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jstack.testing.KernelTest;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@KernelTest
class ProjectLockHiddenTest {
    private Path root;

    @BeforeEach
    void root() throws Exception {
        root = Files.createTempDirectory(Path.of("/var/tmp"), "jstack-lock-");
    }

    @AfterEach
    void cleanUp() throws Exception {
        new ProcessBuilder("umount", root.toString()).inheritIO().start().waitFor();
        try (var walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    @DisplayName("a lock file that a mount hid after it was opened is not the project's lock any more")
    void hiddenByAMount() throws Exception {
        Path file = root.resolve("p/lock");
        Files.createDirectories(file.getParent());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            channel.lock();
            assertTrue(ProjectLock.claim(channel, file), "the file at the path is the one locked");
            int mounted = new ProcessBuilder("mount", "-t", "tmpfs", "tmpfs", root.toString()).inheritIO().start()
                    .waitFor();
            assertTrue(mounted == 0, "mount a tmpfs over the root");
            Files.createDirectories(file.getParent());
            Files.createFile(file);
            assertFalse(ProjectLock.claim(channel, file), "the path names another file now");
        }
    }
}
