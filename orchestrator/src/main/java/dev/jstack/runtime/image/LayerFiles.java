package dev.jstack.runtime.image;

import dev.jstack.runtime.RuntimeFailure;
import java.nio.file.Path;

/**
 * The file operations of layer extraction that java.nio cannot do: devices, overlay whiteouts, numeric owners of
 * symlinks, setuid/setgid/sticky bits and the times of symlinks. None of them follows a symlink at the last
 * component; callers have checked that no parent is one.
 */
public interface LayerFiles {

    /** An overlay whiteout: a character device 0/0 named like the file it hides. */
    void whiteout(Path path) throws RuntimeFailure;

    /** Marks a directory opaque for overlay ({@code trusted.overlay.opaque=y}): lower layers' entries are hidden. */
    void markOpaque(Path dir) throws RuntimeFailure;

    /** A device node or fifo; {@code type} is 'c', 'b' or 'p'. */
    void device(Path path, char type, int permissions, int major, int minor) throws RuntimeFailure;

    /** The numeric owner, of a symlink itself where {@code path} is one. */
    void owner(Path path, int uid, int gid) throws RuntimeFailure;

    /** All twelve mode bits of a file or directory (never called on symlinks). */
    void mode(Path path, int mode) throws RuntimeFailure;

    /** The access and modification times, of a symlink itself where {@code path} is one. */
    void modified(Path path, long epochSecond) throws RuntimeFailure;
}
