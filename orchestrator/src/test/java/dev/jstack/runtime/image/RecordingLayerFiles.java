package dev.jstack.runtime.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A {@link LayerFiles} for unit tests without root: whiteouts and devices become empty regular files, and every
 * call is recorded by path. It does not model owners, modes or times on disk; the kernel tests use the real calls.
 */
final class RecordingLayerFiles implements LayerFiles {
    final SortedMap<String, String> special = new TreeMap<>();
    final SortedMap<String, String> owners = new TreeMap<>();
    final SortedMap<String, Integer> modes = new TreeMap<>();

    @Override
    public void whiteout(Path path) {
        touch(path);
        special.put(path.toString(), "whiteout");
    }

    @Override
    public void markOpaque(Path dir) {
        special.put(dir.toString(), "opaque");
    }

    @Override
    public void device(Path path, char type, int permissions, int major, int minor) {
        touch(path);
        special.put(path.toString(), type + " " + major + ":" + minor);
    }

    @Override
    public void owner(Path path, int uid, int gid) {
        owners.put(path.toString(), uid + ":" + gid);
    }

    @Override
    public void mode(Path path, int mode) {
        modes.put(path.toString(), mode);
    }

    @Override
    public void modified(Path path, long epochSecond) {
    }

    private static void touch(Path path) {
        try {
            Files.createFile(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
