package dev.jstack.runtime.linux;

import static dev.jstack.runtime.linux.MountFlags.MNT_DETACH;
import static dev.jstack.runtime.linux.MountFlags.MS_BIND;
import static dev.jstack.runtime.linux.MountFlags.MS_REC;
import static dev.jstack.runtime.linux.MountFlags.MS_SHARED;
import static dev.jstack.runtime.linux.MountFlags.UMOUNT_NOFOLLOW;

import dev.jstack.runtime.NamespacePins;
import dev.jstack.runtime.RuntimeFailure;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Owns jstack's network namespace pins in /run/netns (DESIGN.md §2): creates each namespace on a dedicated,
 * short-lived platform thread, brings its {@code lo} up and bind-mounts it onto the pin, the way
 * {@code ip netns add} does, so that {@code ip netns list} and {@code ip netns exec} see jstack's pins.
 */
public final class LinuxNamespacePins implements NamespacePins {
    static final Path RUN_NETNS = Path.of("/run/netns");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,254}");
    /** More mounts stacked on one pin than this means something else keeps mounting there: stop trying. */
    private static final int MAX_STACKED_MOUNTS = 16;

    /** What turns an empty pin file into a pinned namespace; tests wrap it to fail after it has mounted. */
    interface PinMaker {
        void pin(Path pin) throws RuntimeFailure;
    }

    private final Path dir;
    private final PinMaker maker;

    public LinuxNamespacePins() {
        this(RUN_NETNS, NetnsPinThread::pinNewNamespace);
    }

    LinuxNamespacePins(Path dir, PinMaker maker) {
        this.dir = dir;
        this.maker = maker;
    }

    /**
     * Makes the pin on the pinning thread ({@link NetnsPinThread}), all of it: pins asked for at once are made one
     * after the other there, each under the directory's lock, without a thread or a wait of its own.
     */
    @Override
    public Path create(String name) throws RuntimeFailure {
        Path pin = dir.resolve(checkName(name));
        NetnsPinThread.run(() -> createLocked(pin, name));
        return pin;
    }

    private void createLocked(Path pin, String name) throws RuntimeFailure {
        try (DirectoryLock lock = lockSharedDirectory()) {
            removeDebris(pin);
            createPinFile(pin, name);
            try {
                maker.pin(pin);
            } catch (RuntimeFailure | RuntimeException e) {
                discard(pin, e);
                throw e;
            }
        }
    }

    @Override
    public void remove(Path pin) throws RuntimeFailure {
        Path path = pin.toAbsolutePath().normalize();
        if (!dir.equals(path.getParent())) {
            throw new RuntimeFailure("refusing to remove " + pin + ": it is not a pin in " + dir);
        }
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryLock lock = DirectoryLock.exclusive(dir)) {
            unmount(path);
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new RuntimeFailure("unlink " + path + ": " + SyscallFailure.reason(e), e);
        }
    }

    @Override
    public boolean isNetworkNamespace(Path path) {
        return !networkNamespaces(List.of(path)).isEmpty();
    }

    /**
     * One read of the mount table answers for every pin while this process has not loaded jnr-ffi (a command
     * such as {@code ps} or {@code plan}); the kernel's {@code ioctl} answers what the table cannot, and everything
     * in a process that makes native calls anyway.
     */
    @Override
    public List<Path> networkNamespaces(Collection<Path> paths) {
        NamespaceMounts table = null;
        if (!Syscalls.loaded()) {
            try {
                table = NamespaceMounts.read();
            } catch (RuntimeFailure e) {
                // Unreadable mount table: the ioctl answers for each path.
            }
        }
        return networkNamespaces(paths, table);
    }

    /** As {@link #networkNamespaces(Collection)}, from {@code table} first when there is one. */
    static List<Path> networkNamespaces(Collection<Path> paths, NamespaceMounts table) {
        return paths.stream().filter(path -> isNetworkNamespace(path, table)).toList();
    }

    private static boolean isNetworkNamespace(Path path, NamespaceMounts table) {
        // Only regular files: nsfs files are, and opening a FIFO or a device could block or act.
        if (!Files.isRegularFile(path)) {
            return false;
        }
        Optional<Boolean> mounted = table == null ? Optional.empty() : table.isNetworkNamespace(path);
        return mounted.orElseGet(() -> hasNetworkNamespaceType(path));
    }

    /** The kernel's answer: NS_GET_NSTYPE on the opened file. */
    static boolean hasNetworkNamespaceType(Path path) {
        int fd = -1;
        try {
            fd = Syscalls.open(path.toString(), Syscalls.O_RDONLY | Syscalls.O_CLOEXEC | Syscalls.O_NONBLOCK);
            return Syscalls.ioctl(fd, Syscalls.NS_GET_NSTYPE, null, "NS_GET_NSTYPE, \"" + path + "\"")
                    == Syscalls.CLONE_NEWNET;
        } catch (RuntimeFailure e) {
            return false;
        } finally {
            Syscalls.close(fd);
        }
    }

    /** The name of a pin file: it becomes a path, so nothing that could climb out of the directory. */
    static String checkName(String name) throws RuntimeFailure {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new RuntimeFailure("invalid network namespace pin name `" + name + "`: use 1 to 255 letters,"
                    + " digits, '.', '_' or '-', starting with a letter or a digit");
        }
        return name;
    }

    /**
     * Makes the directory a shared mount, under its lock, as {@code ip netns add} does: a pin unmounted here is
     * then unmounted in the mount namespaces that copied it too, so the namespace is freed. The lock is held
     * until the pin is made, so that two jstack processes never race on one name.
     */
    private DirectoryLock lockSharedDirectory() throws RuntimeFailure {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new RuntimeFailure("mkdir " + dir + ": " + SyscallFailure.reason(e), e);
        }
        DirectoryLock lock = DirectoryLock.exclusive(dir);
        try {
            makeShared(dir.toString());
            return lock;
        } catch (RuntimeFailure | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static void makeShared(String directory) throws RuntimeFailure {
        try {
            Syscalls.mount("", directory, null, MS_SHARED | MS_REC, null);
        } catch (SyscallFailure e) {
            if (e.errno() != SyscallFailure.EINVAL) {
                throw e;
            }
            // EINVAL: the directory is not a mount point yet; binding it onto itself makes it one.
            Syscalls.mount(directory, directory, null, MS_BIND | MS_REC, null);
            Syscalls.mount("", directory, null, MS_SHARED | MS_REC, null);
        }
    }

    /**
     * Removes an empty file with nothing mounted on it where the pin goes: what a creation leaves when its process
     * dies before the mount. Under the lock no other jstack is making it, so it is debris, not a pin.
     */
    private static void removeDebris(Path pin) throws RuntimeFailure {
        try {
            if (Files.isRegularFile(pin, LinkOption.NOFOLLOW_LINKS) && Files.size(pin) == 0
                    && MountInfo.read().stream().noneMatch(m -> m.mountPoint().equals(pin.toString()))) {
                Files.delete(pin);
            }
        } catch (IOException e) {
            throw new RuntimeFailure("remove the unmounted file " + pin + ": " + SyscallFailure.reason(e), e);
        }
    }

    private static void createPinFile(Path pin, String name) throws RuntimeFailure {
        try {
            Files.createFile(pin, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("---------")));
        } catch (FileAlreadyExistsException e) {
            throw new RuntimeFailure("network namespace pin " + pin + " already exists; if no container uses it,"
                    + " remove it with `ip netns delete " + name + "`");
        } catch (IOException e) {
            throw new RuntimeFailure("create " + pin + ": " + SyscallFailure.reason(e), e);
        }
    }

    /** Removes a half-made pin; what goes wrong here is added to the failure that made it necessary. */
    private static void discard(Path pin, Exception cause) {
        try {
            unmount(pin);
            Files.deleteIfExists(pin);
        } catch (RuntimeFailure | IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /** Unmounts every mount stacked on the pin; a pin that is not mounted, or gone, is fine. */
    private static void unmount(Path pin) throws RuntimeFailure {
        if (!Files.exists(pin, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        for (int i = 0; i < MAX_STACKED_MOUNTS; i++) {
            try {
                Syscalls.umount2(pin.toString(), MNT_DETACH | UMOUNT_NOFOLLOW);
            } catch (SyscallFailure e) {
                if (e.errno() == SyscallFailure.EINVAL || e.errno() == SyscallFailure.ENOENT) {
                    return;
                }
                throw e;
            }
        }
    }
}
