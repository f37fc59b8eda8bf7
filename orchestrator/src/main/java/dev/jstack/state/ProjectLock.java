package dev.jstack.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Owns the one lock per project that serializes jstack commands (a {@link FileChannel#lock()} on the project's
 * lock file): a second command waits for the first and says that it waits, or fails at once when told not to
 * wait; both name the holder by the pid it wrote into the lock file.
 * <p>
 * The lock belongs to the process, and a process may hold it for two parts of itself: a command, and the supervisor
 * that runs in the command's process. The kernel cannot tell them apart (and closing any descriptor of the file
 * would drop the process's lock), so the parts of one process take turns here first.
 */
public final class ProjectLock implements AutoCloseable {
    /** The lock files that a part of this process holds or is taking. */
    private static final Set<Path> HERE = new HashSet<>();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private ProjectLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock at {@code file}, telling {@code notice} once when another command holds it. */
    public static ProjectLock acquire(Path file, String project, Consumer<String> notice) throws IOException {
        return acquire(file, project, notice, true);
    }

    /**
     * Takes the lock at {@code file}; when another command holds it, waits (telling {@code notice} once, with the
     * holder's pid) or, without {@code wait}, fails with {@link LockHeld}. The holder writes its pid into the file.
     */
    public static ProjectLock acquire(Path file, String project, Consumer<String> notice, boolean wait)
            throws IOException {
        Path key = takeHere(file, project, wait);
        try {
            return acquireTaken(key, file, project, notice, wait);
        } catch (IOException | RuntimeException e) {
            leaveHere(key);
            throw e;
        }
    }

    private static ProjectLock acquireTaken(Path key, Path file, String project, Consumer<String> notice,
                                            boolean wait) throws IOException {
        boolean told = false;
        while (true) {
            FileChannel channel = open(file);
            try {
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    long holder = holder(channel);
                    if (!wait) {
                        throw new LockHeld(project, holder);
                    }
                    if (!told) {
                        notice.accept("waiting for another jstack command on project " + project + " to finish"
                                + (holder > 0 ? " (pid " + holder + ")" : ""));
                        told = true;
                    }
                    lock = channel.lock();
                }
                if (claim(channel, file)) {
                    return new ProjectLock(key, channel, lock);
                }
                channel.close();
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }
    }

    /**
     * Takes the lock at {@code file} if no other command (nor another part of this process) holds it, writing this
     * pid; empty when one does.
     */
    public static Optional<ProjectLock> tryAcquire(Path file) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        synchronized (HERE) {
            if (!HERE.add(key)) {
                return Optional.empty();
            }
        }
        try {
            Optional<ProjectLock> taken = tryAcquireTaken(key, file);
            if (taken.isEmpty()) {
                leaveHere(key);
            }
            return taken;
        } catch (IOException | RuntimeException e) {
            leaveHere(key);
            throw e;
        }
    }

    private static Optional<ProjectLock> tryAcquireTaken(Path key, Path file) throws IOException {
        while (true) {
            FileChannel channel = open(file);
            try {
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    channel.close();
                    return Optional.empty();
                }
                if (claim(channel, file)) {
                    return Optional.of(new ProjectLock(key, channel, lock));
                }
                channel.close();
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }
    }

    // The turn of this part of the process: waits while another part holds the lock, or fails without wait.
    private static Path takeHere(Path file, String project, boolean wait) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        synchronized (HERE) {
            while (HERE.contains(key)) {
                if (!wait) {
                    throw new LockHeld(project, ProcessHandle.current().pid());
                }
                try {
                    HERE.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while waiting for the lock of " + project);
                }
            }
            HERE.add(key);
        }
        return key;
    }

    private static void leaveHere(Path key) {
        synchronized (HERE) {
            HERE.remove(key);
            HERE.notifyAll();
        }
    }

    private static FileChannel open(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    /*
     * A command that waited may be granted the lock on a file that `down` deleted meanwhile (with the project's
     * run directory), while a later command locks the new file at the same path: two holders. So the holder checks
     * that the file it locked is still the one at the path; if not, it must start again. The check must not open
     * the file: closing any descriptor of a file drops the process's POSIX locks on it. The kernel names an open
     * file that was unlinked "PATH (deleted)" in /proc/self/fd. A file that a mount has hidden since it was opened
     * (the run root's tmpfs, see RunRootTmpfs) keeps its name there, but is another file than the one at the path.
     */
    static boolean claim(FileChannel channel, Path file) throws IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        String real = file.toRealPath().toString();
        String deleted = real + " (deleted)";
        Object atPath = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                String target = target(fd);
                if (deleted.equals(target) || real.equals(target) && !Objects.equals(atPath, fileKey(fd))) {
                    return false;
                }
            }
        }
        writePid(channel);
        return true;
    }

    // The device and inode of the file open at descriptor fd: stat follows /proc's link to the open file itself.
    private static Object fileKey(Path fd) {
        try {
            return Files.readAttributes(fd, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;  // closed meanwhile
        }
    }

    private static String target(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
            return "";  // closed meanwhile, or the directory's own descriptor
        }
    }

    // The holder names itself so that a waiting or refused command can say who holds the lock.
    private static void writePid(FileChannel channel) throws IOException {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        channel.force(false);
    }

    // The pid the holder wrote; 0 when it has not written it yet or the file holds something else.
    private static long holder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        int n = channel.read(buffer, 0);
        String text = n <= 0 ? "" : new String(buffer.array(), 0, n, StandardCharsets.US_ASCII).trim();
        return text.matches("[0-9]{1,18}") ? Long.parseLong(text) : 0;
    }

    /** Work done while holding a project's lock. */
    @FunctionalInterface
    public interface Body<T> {
        T run() throws Exception;
    }

    /** Runs {@code body} while holding the lock at {@code file}; see {@link #acquire}. */
    public static <T> T holding(Path file, String project, Consumer<String> notice, Body<T> body) throws Exception {
        return holding(file, project, notice, true, body);
    }

    /** Runs {@code body} while holding the lock at {@code file}, waiting for it only when {@code wait} is set. */
    public static <T> T holding(Path file, String project, Consumer<String> notice, boolean wait, Body<T> body)
            throws Exception {
        try (ProjectLock held = acquire(file, project, notice, wait)) {
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
                channel.truncate(0);
                lock.release();
            }
        } finally {
            try {
                channel.close();
            } finally {
                leaveHere(key);
            }
        }
    }
}
