package dev.jstack.graph;

/**
 * Whose network namespace a service ends up in once {@code service:} chains are resolved: the host's, or the
 * one owned by a root service (a {@code none} service, an {@code ns:PATH} service, or a service that declares
 * no {@code service:} link).
 */
public sealed interface NamespaceRoot extends Comparable<NamespaceRoot> {

    /** The host's network namespace: the chain ends in a {@code host} service. */
    record Host() implements NamespaceRoot {
        @Override public String toString() { return "host"; }
    }

    /** The namespace of the root service {@code service}. */
    record Owner(String service) implements NamespaceRoot {
        @Override public String toString() { return service; }
    }

    /** The host first, then owners by name. */
    @Override
    default int compareTo(NamespaceRoot o) {
        if (this instanceof Host) return o instanceof Host ? 0 : -1;
        if (o instanceof Host) return 1;
        return ((Owner) this).service().compareTo(((Owner) o).service());
    }
}
