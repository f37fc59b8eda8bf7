package dev.jstack.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostCheckTest {

    @TempDir
    Path bin;

    @Test
    void notRootIsRefusedFirst() throws Exception {
        Path runc = executable("runc");
        HostNotReadyException e = assertThrows(HostNotReadyException.class,
                () -> HostCheck.check("runc", 1000, bin.toString()));
        assertEquals("not root: jstack must run as root to create namespaces; run it with sudo", e.getMessage());
        HostCheck.check("runc", 0, "/nonexistent:" + runc.getParent());
    }

    @Test
    void aMissingRuncSaysWhatToInstall() {
        HostNotReadyException e = assertThrows(HostNotReadyException.class,
                () -> HostCheck.check("runc", 0, bin.toString()));
        assertEquals("no OCI runtime: install runc (apt-get install -y runc) or choose one with --runtime /"
                + " JSTACK_RUNTIME", e.getMessage());
    }

    @Test
    void aMissingChosenRuntimeIsNamed() {
        HostNotReadyException e = assertThrows(HostNotReadyException.class,
                () -> HostCheck.check("crun", 0, bin.toString()));
        assertEquals("no OCI runtime \"crun\" on PATH: install it (apt-get install -y crun) or choose another with"
                + " --runtime / JSTACK_RUNTIME", e.getMessage());
    }

    @Test
    void aFileThatIsNotExecutableDoesNotCount() throws Exception {
        Files.writeString(bin.resolve("runc"), "");
        assertEquals(Optional.empty(), HostCheck.locate("runc", bin.toString()));
        HostNotReadyException e = assertThrows(HostNotReadyException.class,
                () -> HostCheck.check(bin.resolve("runc").toString(), 0, ""));
        assertEquals("no OCI runtime at " + bin.resolve("runc")
                + ": not an executable file; choose another with --runtime / JSTACK_RUNTIME", e.getMessage());
    }

    @Test
    void theFirstMatchOnThePathWins(@TempDir Path other) throws Exception {
        Path first = executable("crun");
        Files.copy(first, other.resolve("crun"));
        assertEquals(Optional.of(first), HostCheck.locate("crun", "::" + bin + ":" + other));
    }

    private Path executable(String name) throws Exception {
        Path file = bin.resolve(name);
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
