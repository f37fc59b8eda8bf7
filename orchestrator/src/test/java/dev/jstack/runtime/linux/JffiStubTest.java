package dev.jstack.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stub jffi loads is copied out of the jar once, whole and readable, and found again by every later process. */
class JffiStubTest {
    private static final String ARCH = System.getProperty("os.arch");

    @Test
    void theJarHoldsAStubForEveryProcessorJstackRunsOn() throws IOException {
        for (String arch : new String[] {"amd64", "aarch64"}) {
            String resource = JffiStub.resource(arch).orElseThrow();
            try (InputStream in = JffiStub.class.getClassLoader().getResourceAsStream(resource)) {
                assertTrue(in != null && in.readAllBytes().length > 0, resource);
            }
        }
        assertEquals(Optional.of("jni/x86_64-Linux/libjffi-1.2.so"), JffiStub.resource("x86_64"));
        assertEquals(Optional.empty(), JffiStub.resource("s390x"));
    }

    @Test
    void theFirstProcessCopiesTheStubWholeAndReadableByAll(@TempDir Path root) throws IOException {
        Path dir = JffiStub.copyIn(root, ARCH).orElseThrow();

        Path stub = dir.resolve(JffiStub.FILE);
        assertEquals(root, dir.getParent());
        assertTrue(dir.getFileName().toString().matches("jffi-[0-9a-f]{8}-[0-9]+"), dir.toString());
        assertArrayEquals(jarCopy(), Files.readAllBytes(stub));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(stub)));
        try (var left = Files.list(dir)) {
            assertEquals(1, left.count(), "no temporary file is left beside the stub");
        }
    }

    @Test
    void laterProcessesFindTheCopyWithoutWritingIt(@TempDir Path root) throws IOException {
        Path dir = JffiStub.copyIn(root, ARCH).orElseThrow();
        Object inode = Files.getAttribute(dir.resolve(JffiStub.FILE), "unix:ino");

        assertEquals(Optional.of(dir), JffiStub.copyIn(root, ARCH));
        assertEquals(inode, Files.getAttribute(dir.resolve(JffiStub.FILE), "unix:ino"));
    }

    @Test
    void aCopyCutShortIsReplaced(@TempDir Path root) throws IOException {
        Path dir = JffiStub.copyIn(root, ARCH).orElseThrow();
        Files.write(dir.resolve(JffiStub.FILE), new byte[] {1, 2, 3});

        assertEquals(Optional.of(dir), JffiStub.copyIn(root, ARCH));
        assertArrayEquals(jarCopy(), Files.readAllBytes(dir.resolve(JffiStub.FILE)));
    }

    @Test
    void aPlaceThatCannotHoldTheCopyLeavesJffiToItsOwn(@TempDir Path tmp) throws IOException {
        Path notADirectory = Files.writeString(tmp.resolve("file"), "x");

        assertEquals(Optional.empty(), JffiStub.copyIn(notADirectory, ARCH));
        assertEquals(Optional.empty(), JffiStub.copyIn(tmp, "s390x"));
    }

    private static byte[] jarCopy() throws IOException {
        try (InputStream in = JffiStub.class.getClassLoader()
                .getResourceAsStream(JffiStub.resource(ARCH).orElseThrow())) {
            return in.readAllBytes();
        }
    }
}
