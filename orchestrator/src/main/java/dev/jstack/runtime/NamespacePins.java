package dev.jstack.runtime;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * Network namespaces that jstack creates and pins by a bind mount, where {@code ip netns} keeps its own
 * (DESIGN.md §2). Containers join a pin by its path.
 */
public interface NamespacePins {

    /** Creates a new network namespace with {@code lo} up and pins it at /run/netns/NAME; returns the pin. */
    Path create(String name) throws RuntimeFailure;

    /** Unmounts and unlinks a pin; a pin that is already gone is not an error. */
    void remove(Path pin) throws RuntimeFailure;

    /** True when the path is a network namespace (a pin, or /proc/PID/ns/net). */
    boolean isNetworkNamespace(Path path);

    /**
     * Those of {@code paths} that are network namespaces, in their order: what {@link #isNetworkNamespace} says of
     * each, for an implementation that answers many at once more cheaply than one by one.
     */
    default List<Path> networkNamespaces(Collection<Path> paths) {
        return paths.stream().filter(this::isNetworkNamespace).toList();
    }
}
