package dev.jstack.runtime.linux;

import dev.jstack.runtime.RuntimeFailure;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * A failed system call: the message names the call with its arguments and ends with strerror, e.g.
 * {@code mount("/proc/self/task/123/ns/net", "/run/netns/jstack-p-a", MS_BIND): Operation not permitted};
 * {@link #errno()} lets callers tolerate the failures they expect (a path that is not mounted, say).
 */
public final class SyscallFailure extends RuntimeFailure {
    static final int ENOENT = 2;
    static final int EEXIST = 17;
    static final int EINVAL = 22;
    static final int ENOTTY = 25;
    static final int EROFS = 30;
    static final int ENOSYS = 38;

    private final String call;
    private final int errno;

    SyscallFailure(String call, int errno, String reason) {
        super(call + ": " + reason);
        this.call = call;
        this.errno = errno;
    }

    /** What went wrong in a java.nio failure, without the path it repeats: "Device or resource busy". */
    static String reason(IOException e) {
        if (e instanceof FileSystemException f) {
            if (f.getReason() != null) {
                return f.getReason();
            } else if (f instanceof NoSuchFileException) {
                return "No such file or directory";
            } else if (f instanceof FileAlreadyExistsException) {
                return "File exists";
            } else if (f instanceof AccessDeniedException) {
                return "Permission denied";
            }
        }
        return e.getMessage();
    }

    /** The call as printed, e.g. {@code umount2("/x", MNT_DETACH)}. */
    public String call() {
        return call;
    }

    public int errno() {
        return errno;
    }
}
