package dev.jstack.runtime.linux;

import dev.jstack.runtime.HostNotReadyException;
import dev.jstack.runtime.RuntimeFailure;
import java.util.ArrayList;
import java.util.List;
import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Platform;

/**
 * Owns the calls into the C library: loads {@link LibC} once, on first use, and turns every failed call into a
 * {@link SyscallFailure} that names the call, its arguments and strerror, as crun reports its errors.
 */
final class Syscalls {
    static final int O_RDONLY = 0;
    static final int O_WRONLY = 1;
    static final int O_APPEND = 0x400;
    static final int O_CREAT = 0x40;
    static final int O_NONBLOCK = 0x800;
    static final int O_CLOEXEC = 0x80000;
    static final int CLONE_NEWNET = 0x40000000;
    static final int LOCK_EX = 2;
    static final int AF_INET = 2;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_CLOEXEC = 0x80000;
    static final long SIOCGIFFLAGS = 0x8913;
    static final long SIOCSIFFLAGS = 0x8914;
    /** _IO(0xb7, 0x3) from linux/nsfs.h. */
    static final long NS_GET_NSTYPE = 0xb703;
    static final int AT_FDCWD = -100;
    static final int AT_RECURSIVE = 0x8000;

    static final int AT_SYMLINK_NOFOLLOW = 0x100;
    static final int S_IFCHR = 0x2000;
    static final int S_IFBLK = 0x6000;
    static final int S_IFIFO = 0x1000;

    private static final long SYS_MOUNT_SETATTR = 442;
    private static final String ASM_PROPERTY = "jnr.ffi.asm.enabled";

    private Syscalls() {
    }

    /** Loaded on first use, so that code which never makes a call never needs the native library. */
    private static final class Native {
        static final LibC LIBC;
        static final jnr.ffi.Runtime RUNTIME;
        static final long SYS_GETTID;
        static final String UNAVAILABLE;

        static {
            LibC libc = null;
            String unavailable = null;
            Platform.CPU cpu = Platform.getNativePlatform().getCPU();
            if (Platform.getNativePlatform().getOS() != Platform.OS.LINUX
                    || (cpu != Platform.CPU.X86_64 && cpu != Platform.CPU.AARCH64)) {
                unavailable = "jstack needs Linux on x86_64 or aarch64; this is "
                        + Platform.getNativePlatform().getOS() + " on " + cpu;
            } else {
                try {
                    // Bound through reflection rather than with classes and native stubs that jnr-ffi generates
                    // with its own assembler: about 135 classes fewer to load from the jar, outside the class data
                    // archive, for calls that are a few per container at most. A JVM started with the property
                    // keeps its own choice.
                    if (System.getProperty(ASM_PROPERTY) == null) {
                        System.setProperty(ASM_PROPERTY, "false");
                    }
                    JffiStub.preferCopy();
                    // The C library is in every JVM already: its symbols are looked up there, without a search of
                    // the library directories (over a thousand files on a Debian host) for a file named like it.
                    libc = LibraryLoader.create(LibC.class).load(LibraryLoader.DEFAULT_LIBRARY);
                } catch (LinkageError | RuntimeException e) {
                    unavailable = "cannot load the C library through jnr-ffi: " + e.getMessage();
                }
            }
            LIBC = libc;
            RUNTIME = libc == null ? null : jnr.ffi.Runtime.getRuntime(libc);
            SYS_GETTID = cpu == Platform.CPU.AARCH64 ? 178 : 186;
            UNAVAILABLE = unavailable;
            loaded = true;
        }
    }

    private static volatile boolean loaded;

    /** Binds the C library now, if that is not done yet: whether it is bound. Why it is not, the first call tells. */
    static boolean bind() {
        return Native.LIBC != null;
    }

    /**
     * Whether this process has made its native bindings already: jnr-ffi makes them when first used, which costs
     * a short command such as {@code ps} a good part of its CPU time, so such a command answers from /proc where
     * it can.
     */
    static boolean loaded() {
        return loaded;
    }

    /** errno as the last call through {@link #libc()} on this thread left it. */
    static int errno() {
        return LastError.getLastError(Native.RUNTIME);
    }

    static LibC libc() throws HostNotReadyException {
        if (Native.LIBC == null) {
            throw new HostNotReadyException(Native.UNAVAILABLE);
        }
        return Native.LIBC;
    }

    static SyscallFailure failure(String call) {
        int errno = errno();
        String reason = Native.LIBC.strerror(errno);
        return new SyscallFailure(call, errno, reason == null ? "errno " + errno : reason);
    }

    static void unshare(int flags) throws RuntimeFailure {
        if (libc().unshare(flags) != 0) {
            throw failure("unshare(" + (flags == CLONE_NEWNET ? "CLONE_NEWNET" : "0x" + Integer.toHexString(flags))
                    + ")");
        }
    }

    /** mount(2); {@code fstype} and {@code data} may be null where the kernel ignores them (binds, propagation). */
    static void mount(String source, String target, String fstype, long flags, String data) throws RuntimeFailure {
        if (libc().mount(source, target, fstype, flags, data) != 0) {
            throw failure(describeMount(source, target, fstype, flags, data));
        }
    }

    static String describeMount(String source, String target, String fstype, long flags, String data) {
        List<String> args = new ArrayList<>(List.of(quote(source == null ? "" : source), quote(target)));
        if (fstype != null) {
            args.add(quote(fstype));
        }
        args.add(MountFlags.describeMount(flags));
        if (data != null) {
            args.add(quote(data));
        }
        return "mount(" + String.join(", ", args) + ")";
    }

    static void umount2(String target, int flags) throws RuntimeFailure {
        if (libc().umount2(target, flags) != 0) {
            throw failure("umount2(" + quote(target) + ", " + MountFlags.describeUmount(flags) + ")");
        }
    }

    /** open(2) without O_CREAT; returns the file descriptor. */
    static int open(String path, int flags) throws RuntimeFailure {
        return open(path, flags, 0);
    }

    /** open(2) with the mode a file it creates gets; returns the file descriptor. */
    static int open(String path, int flags, int mode) throws RuntimeFailure {
        int fd = libc().open(path, flags, mode);
        if (fd < 0) {
            throw failure("open(" + quote(path) + ")");
        }
        return fd;
    }

    /** Closes a descriptor this package opened; a failure to close changes nothing the caller could act on. */
    static void close(int fd) {
        if (fd >= 0 && Native.LIBC != null) {
            Native.LIBC.close(fd);
        }
    }

    /** flock(2) on a descriptor opened from {@code path}, which is named in the message. */
    static void flock(int fd, int operation, String path) throws RuntimeFailure {
        if (libc().flock(fd, operation) != 0) {
            throw failure("flock(" + quote(path) + ", " + (operation == LOCK_EX ? "LOCK_EX" : operation) + ")");
        }
    }

    static int socket(int domain, int type, int protocol) throws RuntimeFailure {
        int fd = libc().socket(domain, type, protocol);
        if (fd < 0) {
            throw failure("socket(" + domain + ", " + type + ", " + protocol + ")");
        }
        return fd;
    }

    /** ioctl(2); {@code what} names the request and its subject for the message, e.g. {@code SIOCGIFFLAGS, "lo"}. */
    static int ioctl(int fd, long request, byte[] argument, String what) throws RuntimeFailure {
        int result = libc().ioctl(fd, request, argument);
        if (result < 0) {
            throw failure("ioctl(" + what + ")");
        }
        return result;
    }

    /** The kernel's id of the calling thread, as in /proc/self/task/TID. */
    static int gettid() throws RuntimeFailure {
        long tid = libc().syscall(Native.SYS_GETTID);
        if (tid < 0) {
            throw failure("gettid()");
        }
        return (int) tid;
    }

    /** mount_setattr(2) on {@code path}, relative to nothing (AT_FDCWD); ENOSYS on kernels older than 5.12. */
    static void mountSetattr(String path, int atFlags, MountAttr attr) throws RuntimeFailure {
        byte[] struct = attr.toBytes();
        if (libc().syscall(SYS_MOUNT_SETATTR, AT_FDCWD, path, atFlags, struct, struct.length) != 0) {
            String flags = atFlags == AT_RECURSIVE ? "AT_RECURSIVE" : "0x" + Integer.toHexString(atFlags);
            throw failure("mount_setattr(" + quote(path) + ", " + flags + ", " + attr + ")");
        }
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    /** mknod(2) of a device or fifo; {@code type} is one of S_IFCHR, S_IFBLK, S_IFIFO. */
    static void mknod(String path, int type, int permissions, int major, int minor) throws RuntimeFailure {
        if (libc().mknod(path, type | permissions, makedev(major, minor)) != 0) {
            throw failure("mknod(" + quote(path) + ", 0" + Integer.toOctalString(type | permissions) + ", "
                    + major + ":" + minor + ")");
        }
    }

    /** glibc's makedev: the low 8 bits of minor, 12 bits of major, then the high bits of each. */
    static long makedev(long major, long minor) {
        return ((major & 0xfffff000L) << 32) | ((major & 0xfffL) << 8)
                | ((minor & 0xffffff00L) << 12) | (minor & 0xffL);
    }

    /** lsetxattr(2): sets an extended attribute on the path itself, never on a symlink's target. */
    static void lsetxattr(String path, String name, byte[] value) throws RuntimeFailure {
        if (libc().lsetxattr(path, name, value, value.length, 0) != 0) {
            throw failure("lsetxattr(" + quote(path) + ", " + quote(name) + ")");
        }
    }

    static void lchown(String path, int uid, int gid) throws RuntimeFailure {
        if (libc().lchown(path, uid, gid) != 0) {
            throw failure("lchown(" + quote(path) + ", " + uid + ", " + gid + ")");
        }
    }

    /** chmod(2) with all twelve permission bits, setuid, setgid and sticky included (java.nio has only nine). */
    static void chmod(String path, int mode) throws RuntimeFailure {
        if (libc().chmod(path, mode) != 0) {
            throw failure("chmod(" + quote(path) + ", 0" + Integer.toOctalString(mode) + ")");
        }
    }

    /** Sets access and modification time of the path itself, a symlink included, to {@code epochSecond}. */
    static void lutimes(String path, long epochSecond) throws RuntimeFailure {
        java.nio.ByteBuffer times = java.nio.ByteBuffer.allocate(32).order(java.nio.ByteOrder.nativeOrder());
        times.putLong(epochSecond).putLong(0).putLong(epochSecond).putLong(0);
        if (libc().utimensat(AT_FDCWD, path, times.array(), AT_SYMLINK_NOFOLLOW) != 0) {
            throw failure("utimensat(" + quote(path) + ", " + epochSecond + ", AT_SYMLINK_NOFOLLOW)");
        }
    }

    static final int PR_SET_CHILD_SUBREAPER = 36;
    static final int WNOHANG = 1;
    static final int ECHILD = 10;

    static void prctl(int option, long arg2) throws RuntimeFailure {
        if (libc().prctl(option, arg2, 0, 0, 0) != 0) {
            throw failure("prctl(" + option + ", " + arg2 + ")");
        }
    }

    /**
     * waitpid(pid, WNOHANG): the wait status of a child that has ended (reaping it), -1 while it runs, -2 when
     * {@code pid} is not a child of this process (ECHILD).
     */
    static int reap(int pid) throws RuntimeFailure {
        int[] status = new int[1];
        int result = libc().waitpid(pid, status, WNOHANG);
        if (result == pid) {
            return status[0];
        }
        if (result == 0) {
            return -1;
        }
        if (LastError.getLastError(Native.RUNTIME) == ECHILD) {
            return -2;
        }
        throw failure("waitpid(" + pid + ", WNOHANG)");
    }

    static void setsid() throws RuntimeFailure {
        if (libc().setsid() < 0) {
            throw failure("setsid()");
        }
    }

    static final int F_SETFD = 2;
    static final int FD_CLOEXEC = 1;

    static void dup2(int oldfd, int newfd) throws RuntimeFailure {
        if (libc().dup2(oldfd, newfd) < 0) {
            throw failure("dup2(" + oldfd + ", " + newfd + ")");
        }
    }

    /** Marks {@code fd} to be closed by the next execve; a descriptor closed meanwhile (EBADF) is no failure. */
    static void closeOnExec(int fd) throws RuntimeFailure {
        libc().fcntl(fd, F_SETFD, FD_CLOEXEC);
    }

    /** execv(path, argv): replaces this process's program; returns only by throwing, when the call failed. */
    static void execv(List<String> argv) throws RuntimeFailure {
        libc().execv(argv.get(0), argv.toArray(String[]::new));
        throw failure("execv(" + quote(argv.get(0)) + ")");
    }
}
