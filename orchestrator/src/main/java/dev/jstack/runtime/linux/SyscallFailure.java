package dev.jstack.runtime.linux;

import dev.jstack.runtime.RuntimeFailure;

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

    /** The call as printed, e.g. {@code umount2("/x", MNT_DETACH)}. */
    public String call() {
        return call;
    }

    public int errno() {
        return errno;
    }
}
