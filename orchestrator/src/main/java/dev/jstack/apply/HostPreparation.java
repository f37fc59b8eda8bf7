package dev.jstack.apply;

import dev.jstack.plan.Action;
import dev.jstack.plan.Netns;
import dev.jstack.runtime.ContainerSpec;
import dev.jstack.runtime.RuntimeFailure;
import dev.jstack.spec.Mount;
import dev.jstack.spec.Rootfs;
import dev.jstack.spec.Service;
import dev.jstack.state.ProjectPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Makes on the host what a container's bundle refers to, and removes it again: the root file system's mount
 * (the host's root read-only, or an overlay whose upper dir is the container's own), the owner's /etc files,
 * volume directories and the log.
 */
final class HostPreparation {
    private static final java.time.Duration BUSY_LIMIT = java.time.Duration.ofSeconds(2);
    private final Operations.Host host;
    private final Containers containers;
    private final EtcFiles etc;
    private final Trees trees;
    private final SharedHostRoot hostRoot;

    HostPreparation(Operations.Host host, Containers containers, EtcFiles etc) {
        this.host = host;
        this.containers = containers;
        this.etc = etc;
        this.trees = new Trees(host.mounts());
        this.hostRoot = new SharedHostRoot(host.rootfs(), host.paths());
    }

    /** Starts an apply: what earlier applies of this process found on the host is looked at again. */
    void begin() {
        hostRoot.recheck();
    }

    void prepare(Action.CreateContainer a, ContainerSpec spec) throws RuntimeFailure, IOException {
        ProjectPaths paths = host.paths();
        String id = a.container();
        if (a.netns() instanceof Netns.Existing ns && !host.pins().isNetworkNamespace(Path.of(ns.path()))) {
            throw new RuntimeFailure("network_mode ns:" + ns.path()
                    + " is not a network namespace: create it first (e.g. ip netns add NAME)"
                    + " or fix the path");
        }
        Files.createDirectories(paths.logFile(id).getParent());
        Files.createDirectories(paths.bundleDir(id));
        Path etcDir = paths.etcDir(a.etcOwner());
        if (a.etcOwner().equals(a.service()) || !Files.exists(etcDir.resolve("hosts"))) {
            Service owner = a.etcOwner().equals(a.service()) ? a.config() : ownerConfig(a);
            etc.write(etcDir, owner, a.netns(), containers.hostname(a));
        }
        for (Mount m : a.config().volumes()) {
            requireMountPoint(a, m);
            Path source = m.type() == Mount.Type.TMPFS ? null : containers.hostSource(id, m);
            if (source != null && !Files.exists(source)) {
                Files.createDirectories(source);
            }
        }
        mountRootfs(a, spec.rootfs());
    }

    // The host's root is bound read-only, so runc cannot make a missing mount point in it; say so before runc does.
    private static void requireMountPoint(Action.CreateContainer a, Mount m) throws RuntimeFailure {
        if (a.config().rootfs() instanceof Rootfs.HostRoot && !Files.exists(Path.of(m.target()))) {
            throw new RuntimeFailure("cannot mount " + m.type().yamlName() + " at " + m.target()
                    + ": with `rootfs: host` the host's root is read-only, so the mount point must exist on the host;"
                    + " use an existing directory such as /mnt or /srv, or create " + m.target() + " on the host");
        }
    }

    // The bundle directory exists already: it holds the shared host root for this container (SharedHostRoot).
    private void mountRootfs(Action.CreateContainer a, Path target) throws RuntimeFailure, IOException {
        if (a.config().rootfs() instanceof Rootfs.HostRoot) {
            hostRoot.acquire();
            return;
        }
        Files.createDirectories(target);
        if (a.config().rootfs() instanceof Rootfs.Directory dir) {
            Path lower = Path.of(dir.path());
            if (!Files.isDirectory(lower)) {
                throw new RuntimeFailure("rootfs " + lower + " is not a directory");
            }
            Path upper = host.paths().upperDir(a.container());
            Path work = host.paths().workDir(a.container());
            Files.createDirectories(upper);
            Files.createDirectories(work);
            host.rootfs().mountOverlay(List.of(lower), upper, work, target);
        } else if (a.config().rootfs() instanceof Rootfs.Image image) {
            List<Path> layers = containers.imageLayers(image);
            host.rootfs().mountOverlay(layers, host.paths().upperDir(a.container()),
                    host.paths().workDir(a.container()), target);
        }
    }

    private Service ownerConfig(Action.CreateContainer a) {
        return containers.service(a.etcOwner()).orElse(a.config());
    }

    /**
     * Whether anything of the container is on the host: its bundle, its directory or its log. A mount needs its
     * mount point, which cannot go while mounted, so with none of them there is nothing to release and no mount table
     * to read.
     */
    boolean leftBehind(String container) {
        ProjectPaths paths = host.paths();
        return Files.exists(paths.bundleDir(container), java.nio.file.LinkOption.NOFOLLOW_LINKS)
                || Files.exists(paths.containerDir(container), java.nio.file.LinkOption.NOFOLLOW_LINKS)
                || Files.exists(paths.logFile(container), java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Unmounts the container's root and deletes its bundle, and its directory and its log under /var/lib/jstack; the
     * project's shared host root goes with its last bundle.
     */
    void release(String container) throws RuntimeFailure, IOException {
        ProjectPaths paths = host.paths();
        Path bundle = paths.bundleDir(container);
        // One read of the mount table answers for the bundle and the container's directory: a container's root is
        // mounted by its creation, never while it is released. Most containers have nothing mounted there.
        MountTable.Snapshot table = trees.mountTable();
        if (!table.at(bundle).isEmpty()) {
            host.rootfs().unmountAll(bundle);
            table = trees.mountTable();
        }
        deleteOnceFree(bundle, table);
        hostRoot.releaseIfUnused();
        trees.delete(paths.containerDir(container), table);
        Files.deleteIfExists(paths.logFile(container));
    }

    /**
     * Deletes a bundle, waiting up to {@link #BUSY_LIMIT} while its root directory is busy: the kernel tears the
     * mount namespace of a just-killed container down a moment after its init is gone, and until then the root's
     * mount point in that namespace keeps the directory busy (EBUSY).
     */
    private void deleteOnceFree(Path bundle, MountTable.Snapshot table) throws IOException {
        long deadline = System.nanoTime() + BUSY_LIMIT.toNanos();
        while (true) {
            try {
                trees.delete(bundle, table);
                return;
            } catch (java.nio.file.FileSystemException e) {
                if (!"Device or resource busy".equals(e.getReason()) || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while deleting " + bundle, e);
            }
        }
    }
}
