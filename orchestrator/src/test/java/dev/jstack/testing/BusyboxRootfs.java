package dev.jstack.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Builds a tiny root file system from Debian's static busybox: enough to run a shell, sleep and the usual
 * tools in a container. A missing or dynamically linked busybox fails the test and says what to install.
 */
public final class BusyboxRootfs {

    public static final Path BUSYBOX = Path.of("/bin/busybox");
    static final String INSTALL = "kernel tests need a static busybox for their rootfs: apt-get install -y busybox-static";
    private static final List<String> APPLETS = List.of("sh", "sleep", "cat", "echo", "hostname", "id", "ls", "true");
    private static final int PT_INTERP = 3;

    private BusyboxRootfs() {
    }

    /** Fills {@code root} with busybox, its applets, the usual mount points and an /etc with user {@code app}. */
    public static Path build(Path root) throws IOException {
        requireStaticBusybox();
        for (String dir : List.of("bin", "proc", "sys", "dev", "etc", "tmp")) {
            Files.createDirectories(root.resolve(dir));
        }
        Files.setPosixFilePermissions(root.resolve("tmp"), PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.copy(BUSYBOX, root.resolve("bin/busybox"));
        for (String applet : APPLETS) {
            Files.createSymbolicLink(root.resolve("bin").resolve(applet), Path.of("busybox"));
        }
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/tmp:/bin/sh\n");
        Files.writeString(root.resolve("etc/group"), "root:x:0:\napp:x:1000:\nstaff:x:50:app\n");
        return root;
    }

    private static void requireStaticBusybox() throws IOException {
        if (!Files.isExecutable(BUSYBOX)) {
            throw new IllegalStateException(BUSYBOX + " is missing; " + INSTALL);
        }
        if (hasInterpreter(Files.readAllBytes(BUSYBOX))) {
            throw new IllegalStateException(BUSYBOX + " is dynamically linked and cannot run alone in a rootfs; "
                    + INSTALL);
        }
    }

    /** True when the ELF64 file asks for a dynamic loader (a PT_INTERP program header). */
    private static boolean hasInterpreter(byte[] elf) {
        ByteBuffer buf = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        long phoff = buf.getLong(0x20);
        int phentsize = Short.toUnsignedInt(buf.getShort(0x36));
        int phnum = Short.toUnsignedInt(buf.getShort(0x38));
        for (int i = 0; i < phnum; i++) {
            if (buf.getInt((int) phoff + i * phentsize) == PT_INTERP) {
                return true;
            }
        }
        return false;
    }
}
