package dev.jstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@Scenario
@DisplayName("rootfs: DIR: the container's writes land in its own upper dir, and DIR is never written")
class RootfsDirectoryTest {
    private static final Jstack JSTACK = new Jstack("rootfsdir");
    private static final Path ROOTFS = Path.of("/tmp/jstack-e2e-rootfs");
    private static final Path BUSYBOX = Path.of("/bin/busybox");

    @BeforeAll
    static void up() throws IOException {
        if (!Files.isExecutable(BUSYBOX)) {
            throw new IllegalStateException("this test builds a rootfs from busybox:"
                    + " apt-get install -y busybox-static");
        }
        JSTACK.run("down", "-t", "1");
        Shell.run("rm", "-rf", ROOTFS.toString());
        Files.createDirectories(ROOTFS.resolve("bin"));
        Files.copy(BUSYBOX, ROOTFS.resolve("bin/busybox"));
        for (String applet : List.of("sh", "sleep", "cat", "ls", "hostname")) {
            Files.createSymbolicLink(ROOTFS.resolve("bin").resolve(applet), Path.of("busybox"));
        }
        for (String dir : List.of("etc", "proc", "sys", "dev", "tmp")) {
            Files.createDirectories(ROOTFS.resolve(dir));
        }
        JSTACK.run("up", "-d").expectOk();
    }

    @AfterAll
    static void down() {
        try {
            JSTACK.down();
        } finally {
            Shell.run("rm", "-rf", ROOTFS.toString());
        }
    }

    @Test
    @DisplayName("a file the container writes is in its upper dir and in its view, never in DIR")
    void writesGoToTheUpperDir() {
        Path upper = Path.of("/var/lib/jstack/containers", JSTACK.container("box"), "upper");
        Eventually.await("box's write", Duration.ofSeconds(30), () -> Files.exists(upper.resolve("written-by-box")),
                done -> done);
        assertFalse(Files.exists(ROOTFS.resolve("written-by-box")), "DIR is never written");
        assertEquals("mine", JSTACK.run("exec", "box", "cat", "/written-by-box").expectOk().out().trim());
        assertEquals("box", JSTACK.run("exec", "box", "hostname").expectOk().out().trim());
        assertTrue(JSTACK.run("exec", "box", "cat", "/etc/hosts").expectOk().out().contains("box"));
    }

    @Test
    @DisplayName("down removes the upper dir and unmounts the overlay")
    void downRemovesTheUpperDir() throws IOException {
        JSTACK.down();
        assertFalse(Files.exists(Path.of("/var/lib/jstack/containers", JSTACK.container("box"))));
        assertEquals(List.of(), Kernel.mountsContaining(JSTACK.project()));
        assertTrue(Files.isExecutable(ROOTFS.resolve("bin/busybox")), "DIR itself stays");
        JSTACK.run("up", "-d").expectOk();
    }
}
