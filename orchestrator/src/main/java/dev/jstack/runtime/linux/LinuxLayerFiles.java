package dev.jstack.runtime.linux;

import dev.jstack.runtime.RuntimeFailure;
import dev.jstack.runtime.image.LayerFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Owns the system calls that give extracted layer files what a tar entry says, in overlay's format. */
public final class LinuxLayerFiles implements LayerFiles {
    private static final byte[] OPAQUE = "y".getBytes(StandardCharsets.US_ASCII);

    @Override
    public void whiteout(Path path) throws RuntimeFailure {
        Syscalls.mknod(path.toString(), Syscalls.S_IFCHR, 0, 0, 0);
    }

    @Override
    public void markOpaque(Path dir) throws RuntimeFailure {
        Syscalls.lsetxattr(dir.toString(), "trusted.overlay.opaque", OPAQUE);
    }

    @Override
    public void device(Path path, char type, int permissions, int major, int minor) throws RuntimeFailure {
        int kind = switch (type) {
            case 'c' -> Syscalls.S_IFCHR;
            case 'b' -> Syscalls.S_IFBLK;
            case 'p' -> Syscalls.S_IFIFO;
            default -> throw new IllegalArgumentException("not a device type: " + type);
        };
        Syscalls.mknod(path.toString(), kind, permissions & 07777, major, minor);
    }

    @Override
    public void owner(Path path, int uid, int gid) throws RuntimeFailure {
        Syscalls.lchown(path.toString(), uid, gid);
    }

    @Override
    public void mode(Path path, int mode) throws RuntimeFailure {
        Syscalls.chmod(path.toString(), mode & 07777);
    }

    @Override
    public void modified(Path path, long epochSecond) throws RuntimeFailure {
        Syscalls.lutimes(path.toString(), epochSecond);
    }
}
