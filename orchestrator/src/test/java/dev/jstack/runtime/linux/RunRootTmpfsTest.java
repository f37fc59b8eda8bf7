package dev.jstack.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jstack.testing.KernelTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@KernelTest
class RunRootTmpfsTest {
    // Under /var/tmp, an ordinary file system on the machines jstack is tested on (the test checks that first).
    private Path base;

    @BeforeEach
    void base() throws Exception {
        base = Files.createTempDirectory(Path.of("/var/tmp"), "jstack-runroot-");
        assertFalse(RunRootTmpfs.onTmpfs(base), "the test needs a folder that is not on a tmpfs");
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = 0; i < 4 && mountsAt(base.resolve("run")) > 0; i++) {
            Syscalls.umount2(base.resolve("run").toString(), 0);
        }
        try (var walk = Files.walk(base)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static long mountsAt(Path target) throws Exception {
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .filter(l -> l.split(" ")[4].equals(target.toString())).count();
    }

    @Test
    @DisplayName("an empty root gets a tmpfs once, however many commands ask at the same time")
    void emptyRootGetsOneTmpfs() throws Exception {
        Path root = base.resolve("run");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            java.util.List<Future<Boolean>> asked = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Path project = root.resolve("p" + i);
                asked.add(pool.submit(() -> RunRootTmpfs.prepare(root, project)));
            }
            for (Future<Boolean> f : asked) {
                assertTrue(f.get(), "each finds the root on a tmpfs");
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(RunRootTmpfs.onTmpfs(root));
        assertEquals(1, mountsAt(root), "one tmpfs, not one per command");
        for (int i = 0; i < 8; i++) {
            assertTrue(Files.isDirectory(root.resolve("p" + i)), "each command's project directory is on it");
        }
        assertTrue(RunRootTmpfs.prepare(root, root.resolve("q")));
        assertEquals(1, mountsAt(root));
    }

    @Test
    @DisplayName("a root that holds anything stays on its file system: a tmpfs would hide the projects in it")
    void rootInUseStaysAsItIs() throws Exception {
        Path root = base.resolve("run");
        Files.createDirectories(root.resolve("running-project"));
        assertFalse(RunRootTmpfs.prepare(root, root.resolve("new-project")));
        assertFalse(RunRootTmpfs.onTmpfs(root));
        assertEquals(0, mountsAt(root));
        assertTrue(Files.isDirectory(root.resolve("running-project")));
        assertTrue(Files.isDirectory(root.resolve("new-project")), "the project's directory is made all the same");
    }
}
