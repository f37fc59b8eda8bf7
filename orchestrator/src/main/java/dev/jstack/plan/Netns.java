package dev.jstack.plan;

/**
 * The network namespace a container ends up in, resolved: the host's, a pin that jstack makes for a
 * {@code none} owner, or an existing namespace at a path ({@code ns:PATH}). This, not the raw
 * {@code service:X}, is what the configuration hash sees.
 */
public sealed interface Netns {

    /** The namespace's path, or null for the host's (no network entry in config.json). */
    String path();

    /** The host's network namespace. */
    record Host() implements Netns {
        @Override public String path() { return null; }
        @Override public String toString() { return "host"; }
    }

    /** A namespace pinned by jstack at {@code path} for the {@code none} service {@code owner}. */
    record Pin(String owner, String path) implements Netns {
        @Override public String toString() { return "pin:" + path; }
    }

    /** An existing namespace that jstack did not make, at {@code path}. */
    record Existing(String path) implements Netns {
        @Override public String toString() { return "ns:" + path; }
    }
}
