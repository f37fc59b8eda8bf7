package dev.jstack.state;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * Owns the one lock per project that serializes jstack commands (a {@link FileChannel#lock()} on the project's
 * lock file): a second command waits for the first and says that it waits.
 */
public final class ProjectLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private ProjectLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock at {@code file}, telling {@code notice} once when another command holds it. */
    public static ProjectLock acquire(Path file, String project, Consumer<String> notice) throws IOException {
        Files.createDirectories(file.getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                notice.accept("waiting for another jstack command on project " + project + " to finish");
                lock = channel.lock();
            }
            return new ProjectLock(channel, lock);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Takes the lock at {@code file} if no other command holds it; empty when one does. */
    public static java.util.Optional<ProjectLock> tryAcquire(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new ProjectLock(channel, lock));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Work done while holding a project's lock. */
    @FunctionalInterface
    public interface Body<T> {
        T run() throws Exception;
    }

    /** Runs {@code body} while holding the lock at {@code file}; see {@link #acquire}. */
    public static <T> T holding(Path file, String project, Consumer<String> notice, Body<T> body) throws Exception {
        try (ProjectLock held = acquire(file, project, notice)) {
            return held.run(body);
        }
    }

    private <T> T run(Body<T> body) throws Exception {
        return body.run();
    }

    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } finally {
            channel.close();
        }
    }
}
