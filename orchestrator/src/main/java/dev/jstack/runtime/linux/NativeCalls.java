package dev.jstack.runtime.linux;

/**
 * Lets a process that is about to need native calls have jnr-ffi bind them on a thread of its own, while its main
 * thread goes on: the binding takes tens of milliseconds of one core, and a command's start keeps one core busy.
 */
public final class NativeCalls {
    private NativeCalls() {
    }

    /**
     * Starts binding the C library on a daemon thread, which it returns; a call made meanwhile waits for the binding
     * to finish, as it would have waited for its own.
     */
    public static Thread bindAhead() {
        Thread binder = new Thread(() -> {
            try {
                Syscalls.bind();
            } catch (Throwable e) {
                // The first call on another thread meets the same failure and reports it as a command's error.
            }
        }, "jstack-native");
        binder.setDaemon(true);
        binder.start();
        return binder;
    }
}
