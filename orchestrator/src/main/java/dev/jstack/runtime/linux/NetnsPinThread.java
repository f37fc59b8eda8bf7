package dev.jstack.runtime.linux;

import dev.jstack.runtime.RuntimeFailure;
import java.nio.file.Path;

/**
 * Owns the one thread that ever leaves the JVM's network namespace: a dedicated platform thread that unshares,
 * brings {@code lo} up, bind-mounts its namespace onto the pin and ends. unshare(CLONE_NEWNET) moves only the
 * calling thread, so a pooled or virtual thread would carry the new namespace into unrelated work; a fresh
 * thread that ends at once cannot.
 */
final class NetnsPinThread {

    private NetnsPinThread() {
    }

    /** Runs the thread and waits for it, also when interrupted: the pin is whole or failed when this returns. */
    static void pinNewNamespace(Path pin) throws RuntimeFailure {
        Throwable[] failure = new Throwable[1];
        Thread thread = new Thread(() -> {
            try {
                enterNewNamespaceAndPin(pin);
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "jstack-netns-" + pin.getFileName());
        thread.start();
        joinUninterruptibly(thread);
        Throwable t = failure[0];
        if (t instanceof RuntimeFailure f) {
            throw f;
        } else if (t instanceof RuntimeException e) {
            throw e;
        } else if (t instanceof Error e) {
            throw e;
        }
    }

    /** Runs on the dedicated thread only; after unshare this thread is in the new namespace until it ends. */
    private static void enterNewNamespaceAndPin(Path pin) throws RuntimeFailure {
        Syscalls.unshare(Syscalls.CLONE_NEWNET);
        bringLoopbackUp();
        String own = "/proc/self/task/" + Syscalls.gettid() + "/ns/net";
        Syscalls.mount(own, pin.toString(), null, MountFlags.MS_BIND, null);
    }

    /** A new network namespace has {@code lo} down; the OCI runtimes bring it up only in namespaces they made. */
    private static void bringLoopbackUp() throws RuntimeFailure {
        int fd = Syscalls.socket(Syscalls.AF_INET, Syscalls.SOCK_DGRAM | Syscalls.SOCK_CLOEXEC, 0);
        try {
            byte[] ifreq = IfReq.forName("lo");
            Syscalls.ioctl(fd, Syscalls.SIOCGIFFLAGS, ifreq, "SIOCGIFFLAGS, \"lo\"");
            IfReq.setFlags(ifreq, (short) (IfReq.flags(ifreq) | IfReq.IFF_UP));
            Syscalls.ioctl(fd, Syscalls.SIOCSIFFLAGS, ifreq, "SIOCSIFFLAGS, \"lo\"");
        } finally {
            Syscalls.close(fd);
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
