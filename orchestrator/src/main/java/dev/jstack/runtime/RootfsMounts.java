package dev.jstack.runtime;

import java.nio.file.Path;
import java.util.List;

/** Prepares and removes the root file systems of containers (DESIGN.md §4). */
public interface RootfsMounts {

    /** The host's root, bound recursively onto {@code target}, read-only everywhere, private propagation. */
    void mountHostRoot(Path target) throws RuntimeFailure;

    /**
     * Whether {@code target} holds a complete {@link #mountHostRoot}: read-only everywhere, private, and without
     * namespace files. A bind that an interrupted process left half made (still writable, shared, or holding
     * pins) is not complete.
     */
    boolean hasHostRoot(Path target) throws RuntimeFailure;

    /** An overlay of {@code lowerDirs} (top first) with a writable {@code upper}/{@code work} on {@code target}. */
    void mountOverlay(List<Path> lowerDirs, Path upper, Path work, Path target) throws RuntimeFailure;

    /** Unmounts everything at and below {@code target}; nothing mounted there is not an error. */
    void unmountAll(Path target) throws RuntimeFailure;
}
