package dev.jstack.spec;

/**
 * A service's {@code network_mode}, parsed at the edge: only the loader ever sees the string form.
 * {@link #toString()} gives back the form written in a stack file.
 */
public sealed interface NetworkMode {

    /** The host's network namespace: no network entry in the container's config. */
    record Host() implements NetworkMode {
        @Override public String toString() { return "host"; }
    }

    /** A new namespace pinned by jstack, with only {@code lo}, which is up. */
    record None() implements NetworkMode {
        @Override public String toString() { return "none"; }
    }

    /** The very same namespace as another service ({@code service:NAME}). */
    record ServiceRef(String service) implements NetworkMode {
        @Override public String toString() { return "service:" + service; }
    }

    /** An existing namespace at a path ({@code ns:PATH}), e.g. one made by {@code ip netns add}. */
    record NamespacePath(String path) implements NetworkMode {
        @Override public String toString() { return "ns:" + path; }
    }
}
