package dev.jstack.spec;

/** Where a service's root file system comes from: exactly one of {@code image:} or {@code rootfs:}. */
public sealed interface Rootfs {

    /** {@code image: NAME[:TAG]} from jstack's local image store. */
    record Image(String reference) implements Rootfs {
        @Override public String toString() { return reference; }
    }

    /** {@code rootfs: host}: the host's root, read-only, with private /tmp, /run and /var/tmp. */
    record HostRoot() implements Rootfs {
        @Override public String toString() { return "host"; }
    }

    /** {@code rootfs: DIR}: a directory (absolute after loading), overlaid so that it is never written. */
    record Directory(String path) implements Rootfs {
        @Override public String toString() { return path; }
    }
}
