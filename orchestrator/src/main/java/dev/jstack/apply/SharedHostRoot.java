package dev.jstack.apply;

import dev.jstack.runtime.RootfsMounts;
import dev.jstack.runtime.RuntimeFailure;
import dev.jstack.state.ProjectPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Owns the project's one read-only bind of the host's root, which all of its {@code rootfs: host} containers use
 * as their root: made for the first of them, unmounted once the project has no bundle left. One bind per
 * container made the host's mount table grow by the host's whole mount tree per container, and runc and the
 * kernel copy that table into every new container's mount namespace.
 * <p>
 * A container holds the bind from its bundle's creation to the bundle's deletion; {@link #acquire} and
 * {@link #releaseIfUnused} run under one lock of the process, so a bind is never unmounted between a bundle's
 * creation and its container's use of it. Other processes wait for the project's lock before they apply, so once
 * this process has found the bind complete or made it, it stays so until this process unmounts it: the mount table
 * (read whole, and longer with every other project on the host) is read once per apply, not once per container.
 */
final class SharedHostRoot {
    private static final Object LOCK = new Object();
    private final RootfsMounts mounts;
    private final ProjectPaths paths;
    // Guarded by LOCK: the bind was found complete, or made, since the last recheck().
    private boolean known;

    SharedHostRoot(RootfsMounts mounts, ProjectPaths paths) {
        this.mounts = mounts;
        this.paths = paths;
    }

    /**
     * Makes sure the bind is there and complete, for a container whose bundle directory already exists. What an
     * interrupted process left half made is unmounted and bound anew; containers already running keep their own
     * copy of it in their mount namespaces.
     */
    Path acquire() throws RuntimeFailure, IOException {
        Path root = paths.hostRoot();
        synchronized (LOCK) {
            if (!known && !mounts.hasHostRoot(root)) {
                mounts.unmountAll(root);
                Files.createDirectories(root);
                mounts.mountHostRoot(root);
            }
            known = true;
        }
        return root;
    }

    /** Has the next {@link #acquire} read the mount table again: called before each apply of this process. */
    void recheck() {
        synchronized (LOCK) {
            known = false;
        }
    }

    /** Unmounts the bind once no container of the project has a bundle; to be called after deleting one. */
    void releaseIfUnused() throws RuntimeFailure, IOException {
        Path root = paths.hostRoot();
        synchronized (LOCK) {
            if (!Files.isDirectory(root) || hasBundles()) {
                return;
            }
            known = false;
            mounts.unmountAll(root);
            try {
                Files.deleteIfExists(root);
            } catch (IOException e) {
                // Unmounted is what matters; an empty directory left busy for a moment goes with the run directory.
            }
        }
    }

    private boolean hasBundles() throws IOException {
        if (!Files.isDirectory(paths.bundlesDir())) {
            return false;
        }
        try (Stream<Path> bundles = Files.list(paths.bundlesDir())) {
            return bundles.findAny().isPresent();
        }
    }
}
