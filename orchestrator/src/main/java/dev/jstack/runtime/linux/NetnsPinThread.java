package dev.jstack.runtime.linux;

import dev.jstack.runtime.RuntimeFailure;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Owns the one thread that ever leaves the JVM's network namespace: a dedicated platform thread that runs the pin
 * jobs waiting for it, one after the other, and ends as soon as none is left. A job may unshare it into a new
 * network namespace (unshare(CLONE_NEWNET) moves only the calling thread), so a pooled or virtual thread never
 * carries a namespace into unrelated work. Pins made at once share the thread: a thread started per pin cost 1.3 ms,
 * about half of what a pin took while 100 of them were made.
 */
final class NetnsPinThread {

    /** Work for the pinning thread, which it may leave in another network namespace. */
    @FunctionalInterface
    interface Job {
        void run() throws RuntimeFailure;
    }

    private static final Object LOCK = new Object();
    private static final Deque<Task> WAITING = new ArrayDeque<>();
    private static Thread serving;

    private NetnsPinThread() {
    }

    /**
     * Runs {@code job} on the pinning thread, started when none runs, and waits for it, also when interrupted: what
     * the job makes is whole or failed when this returns. On the pinning thread itself, runs it at once.
     */
    static void run(Job job) throws RuntimeFailure {
        Task task = new Task(job);
        boolean here;
        synchronized (LOCK) {
            here = Thread.currentThread() == serving;
            if (!here) {
                WAITING.add(task);
                if (serving == null) {
                    Thread thread = new Thread(NetnsPinThread::serve, "jstack-netns");
                    try {
                        thread.start();
                    } catch (RuntimeException | Error e) {
                        // No thread to run it (the JVM could not make one): the job never runs, and says so.
                        WAITING.remove(task);
                        throw e;
                    }
                    serving = thread;
                }
            }
        }
        if (here) {
            task.runHere();
        }
        task.rethrow();
    }

    /** Makes a new network namespace with {@code lo} up and bind-mounts it onto {@code pin}, on the pinning thread. */
    static void pinNewNamespace(Path pin) throws RuntimeFailure {
        run(() -> enterNewNamespaceAndPin(pin));
    }

    // The pinning thread: the waiting jobs in order, then it ends.
    private static void serve() {
        while (true) {
            Task task;
            synchronized (LOCK) {
                task = WAITING.poll();
                if (task == null) {
                    serving = null;
                    return;
                }
            }
            task.runHere();
        }
    }

    /** One job and its outcome, handed from the thread that waits for it to the pinning thread. */
    private static final class Task {
        private final Job job;
        private boolean done;
        private Throwable failure;

        Task(Job job) {
            this.job = job;
        }

        void runHere() {
            Throwable caught = null;
            try {
                job.run();
            } catch (Throwable t) {
                caught = t;
            }
            synchronized (this) {
                failure = caught;
                done = true;
                notifyAll();
            }
        }

        /** Waits for the job, through interrupts, and throws what it threw. */
        void rethrow() throws RuntimeFailure {
            boolean interrupted = false;
            Throwable t;
            synchronized (this) {
                while (!done) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                t = failure;
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (t instanceof RuntimeFailure f) {
                throw f;
            } else if (t instanceof RuntimeException e) {
                throw e;
            } else if (t instanceof Error e) {
                throw e;
            }
        }
    }

    /** Runs on the pinning thread only; after unshare that thread is in the new namespace until its next job. */
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
}
