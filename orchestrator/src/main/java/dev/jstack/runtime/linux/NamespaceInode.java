package dev.jstack.runtime.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells namespaces apart by the inode of their nsfs file: two paths name the same namespace exactly when the
 * inodes are equal (the {@code 4026531840} of {@code net:[4026531840]}). Plain java.nio, no native call.
 */
public final class NamespaceInode {

    private NamespaceInode() {
    }

    /** The inode behind {@code path}: a pin, or /proc/PID/ns/net (the link is followed). */
    public static long of(Path path) throws IOException {
        return ((Number) Files.getAttribute(path, "unix:ino")).longValue();
    }
}
