package dev.jstack.apply;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Deletes jstack's own directory trees, but only when nothing is mounted at or below them: a rootfs mount that
 * is still there would otherwise expose the host's files to the delete.
 */
final class Trees {
    private final MountTable mounts;

    Trees(MountTable mounts) {
        this.mounts = mounts;
    }

    /** Deletes {@code dir} and everything in it; a missing dir is fine; a mount inside it is an error. */
    void delete(Path dir) throws IOException {
        if (Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            delete(dir, mounts.read());
        }
    }

    /** The mount table now, for {@link #delete(Path, MountTable.Snapshot)}. */
    MountTable.Snapshot mountTable() throws IOException {
        return mounts.read();
    }

    /**
     * Deletes {@code dir} as {@link #delete(Path)} does, with the mount table as {@code table} has it: read since
     * anything was last mounted where {@code dir} is.
     */
    void delete(Path dir, MountTable.Snapshot table) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> mounted = table.at(dir);
        if (!mounted.isEmpty()) {
            throw new IOException("not deleting " + dir + ": still mounted there: " + mounted.get(0));
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Removes {@code dir} and its parent, grandparent... up to (not including) {@code stop}, while empty. */
    static void pruneEmpty(Path dir, Path stop) {
        for (Path p = dir; p != null && !p.equals(stop) && p.startsWith(stop); p = p.getParent()) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                return;
            }
        }
    }
}
