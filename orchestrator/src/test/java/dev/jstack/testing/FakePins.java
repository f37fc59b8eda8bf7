package dev.jstack.testing;

import dev.jstack.runtime.NamespacePins;
import dev.jstack.runtime.RootfsMounts;
import dev.jstack.runtime.RuntimeFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pins and rootfs mounts as plain files under a temp dir: a pin is an empty file that {@link #isNetworkNamespace}
 * believes in, a "mount" is a marker remembered in memory. It does not model namespaces, propagation, read-only
 * mounts or overlay contents. {@link #hostRootChecks} counts the questions {@link #hasHostRoot} answered, each a
 * read of the mount table on a real host.
 */
public final class FakePins implements NamespacePins, RootfsMounts {
    private final Path netnsRoot;
    private final Set<Path> pins = new TreeSet<>();
    public final Set<Path> mounted = new TreeSet<>();
    /** Targets holding a bind that an interrupted process left incomplete: mounted, but not a host root. */
    public final Set<Path> halfMounted = new TreeSet<>();
    public final AtomicInteger hostRootChecks = new AtomicInteger();

    public FakePins(Path netnsRoot) {
        this.netnsRoot = netnsRoot;
    }

    @Override
    public synchronized Path create(String name) throws RuntimeFailure {
        Path pin = netnsRoot.resolve(name);
        try {
            Files.createDirectories(netnsRoot);
            Files.createFile(pin);
        } catch (IOException e) {
            throw new RuntimeFailure("create pin " + pin + ": " + e);
        }
        pins.add(pin);
        return pin;
    }

    @Override
    public synchronized void remove(Path pin) throws RuntimeFailure {
        pins.remove(pin);
        try {
            Files.deleteIfExists(pin);
        } catch (IOException e) {
            throw new RuntimeFailure("remove pin " + pin + ": " + e);
        }
    }

    @Override
    public synchronized boolean isNetworkNamespace(Path path) {
        return pins.contains(path);
    }

    /** A namespace made outside jstack, as {@code ip netns add} would. */
    public synchronized void addForeign(Path path) {
        pins.add(path);
    }

    @Override
    public synchronized void mountHostRoot(Path target) {
        if (mounted.contains(target) || halfMounted.contains(target)) {
            throw new IllegalStateException(target + " is already mounted");
        }
        mounted.add(target);
    }

    @Override
    public synchronized boolean hasHostRoot(Path target) {
        hostRootChecks.incrementAndGet();
        return mounted.contains(target);
    }

    @Override
    public synchronized void mountOverlay(List<Path> lowerDirs, Path upper, Path work, Path target) {
        mounted.add(target);
    }

    @Override
    public synchronized void unmountAll(Path target) {
        mounted.removeIf(p -> p.startsWith(target));
        halfMounted.removeIf(p -> p.startsWith(target));
    }
}
