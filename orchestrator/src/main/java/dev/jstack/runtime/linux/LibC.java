package dev.jstack.runtime.linux;

import jnr.ffi.annotations.SaveError;
import jnr.ffi.annotations.Variadic;

/**
 * The C library functions jstack binds through jnr-ffi: only what Java cannot do itself. Every function saves
 * errno so that {@link Syscalls} can report it. Flags and requests are {@code long} because the kernel takes
 * {@code unsigned long}, which is 64 bits on the platforms jstack supports (x86_64 and aarch64).
 * <p>
 * Public only because jnr-ffi generates the implementation in its own class loader; use {@link Syscalls}.
 */
public interface LibC {

    @SaveError
    int unshare(int flags);

    @SaveError
    int mount(String source, String target, String fstype, long flags, String data);

    @SaveError
    int umount2(String target, int flags);

    @SaveError
    @Variadic(fixedCount = 2)
    int ioctl(int fd, long request, byte[] argument);

    @SaveError
    int socket(int domain, int type, int protocol);

    @SaveError
    int close(int fd);

    @SaveError
    @Variadic(fixedCount = 2)
    int open(String path, int flags, int mode);

    @SaveError
    int flock(int fd, int operation);

    /** syscall(2) without arguments, for gettid. */
    @SaveError
    @Variadic(fixedCount = 1)
    long syscall(long number);

    /** syscall(2) with the argument list of mount_setattr(dirfd, path, flags, attr, size). */
    @SaveError
    @Variadic(fixedCount = 1)
    long syscall(long number, long dirfd, String path, long flags, byte[] attr, long size);

    /** syscall(2) with two arguments, for pidfd_open(pid, flags). */
    @SaveError
    @Variadic(fixedCount = 1)
    long syscall(long number, long arg1, long arg2);

    /** syscall(2) with four arguments, for pidfd_send_signal(pidfd, sig, info, flags). */
    @SaveError
    @Variadic(fixedCount = 1)
    long syscall(long number, long arg1, long arg2, long arg3, long arg4);

    /** poll(2); {@code fds} holds struct pollfd entries of 8 bytes each: int fd, short events, short revents. */
    @SaveError
    int poll(byte[] fds, long nfds, int timeout);

    @SaveError
    int mknod(String path, int mode, long dev);

    @SaveError
    int lsetxattr(String path, String name, byte[] value, long size, int flags);

    @SaveError
    int lchown(String path, int owner, int group);

    @SaveError
    int chmod(String path, int mode);

    /** utimensat(2); {@code times} holds two struct timespec (atime, mtime) of 16 bytes each. */
    @SaveError
    int utimensat(int dirfd, String path, byte[] times, int flags);

    /** prctl(2) with its four optional arguments, for PR_SET_CHILD_SUBREAPER. */
    @SaveError
    int prctl(int option, long arg2, long arg3, long arg4, long arg5);

    /** waitpid(2); {@code status} is one int that receives the wait status. */
    @SaveError
    int waitpid(int pid, int[] status, int options);

    @SaveError
    int setsid();

    @SaveError
    int dup2(int oldfd, int newfd);

    /** fcntl(2) with one int argument, for F_SETFD. */
    @SaveError
    @Variadic(fixedCount = 2)
    int fcntl(int fd, int cmd, int arg);

    /** execv(3): {@code argv} is passed as a NULL-terminated array; returns only when it fails. */
    @SaveError
    int execv(String path, String[] argv);

    String strerror(int errnum);
}
