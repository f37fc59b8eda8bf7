package dev.jstack.runtime;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Owns the removal of a stopped runc container by jstack itself, where its state file shows that runc's
 * {@code delete} would undo nothing but the container's cgroups and its state directory
 * ({@link RuncStateFiles#stoppedLeftovers}). It removes them in runc's order: the cgroups (a group's child groups
 * first; a group still busy is tried again shortly), then the directory, whose removal is what makes the container
 * unknown to runc. Whatever it cannot remove, it leaves to runc's {@code delete}, which tolerates what is gone.
 */
final class RuncRemovals {
    /** Pauses before the second, third and fourth attempt: a group empties within milliseconds of its last task. */
    private static final long[] PAUSES_MS = {0, 5, 10, 20};
    private static final String STATE = "state.json";

    private final RuncStateFiles files;

    /** {@code files}: runc's state files, or null for a runtime whose files jstack does not read. */
    RuncRemovals(RuncStateFiles files) {
        this.files = files;
    }

    /** Whether stopped container {@code id} is removed; false leaves it (or what is left of it) to the CLI. */
    boolean remove(String id) throws RuntimeFailure {
        Optional<RuncStateFiles.Leftovers> leftovers = files == null ? Optional.empty() : files.stoppedLeftovers(id);
        if (leftovers.isEmpty()) {
            return false;
        }
        List<Path> groups = new ArrayList<>(leftovers.get().cgroups());
        for (long pause : PAUSES_MS) {
            sleep(pause, id);
            groups.removeIf(RuncRemovals::removeGroup);
            if (groups.isEmpty()) {
                return removeStateDir(leftovers.get().stateDir());
            }
        }
        return false;
    }

    // rmdir, as a cgroup's files go with its directory; a group with child groups loses them first.
    private static boolean removeGroup(Path group) {
        if (rmdir(group)) {
            return true;
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(group,
                child -> Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS))) {
            for (Path child : children) {
                removeGroup(child);
            }
        } catch (IOException e) {
            return !Files.exists(group, LinkOption.NOFOLLOW_LINKS);
        }
        return rmdir(group);
    }

    private static boolean rmdir(Path group) {
        try {
            Files.delete(group);
            return true;
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /*
     * runc's state directory holds files only (state.json, and exec.fifo when the container never started). The
     * state file goes last: until then runc can still load the container, and delete it, should this stop halfway.
     */
    private static boolean removeStateDir(Path dir) {
        Path state = dir.resolve(STATE);
        try {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, entry -> !entry.equals(state))) {
                for (Path entry : entries) {
                    Files.delete(entry);
                }
            }
            Files.delete(state);
            Files.delete(dir);
            return true;
        } catch (NoSuchFileException e) {
            return !Files.exists(dir, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep(long ms, String id) throws RuntimeFailure {
        if (ms == 0) {
            return;
        }
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeFailure("interrupted while removing " + id);
        }
    }
}
