package dev.jstack.cli;

import dev.jstack.apply.Project;
import dev.jstack.state.ProjectLock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a plan's application so that Ctrl-C (or SIGTERM) does not cut it in half: the shutdown hook tells the
 * executor to start nothing new and waits until the running actions are done and recorded, so that {@code down}
 * finds everything they made.
 */
final class Interruptible {
    private static final long WAIT_SECONDS = 120;

    private Interruptible() {
    }

    static <T> T run(Project project, ProjectLock.Body<T> body) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            project.cancel();
            try {
                done.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "jstack-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return body.run();
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: it returns now that the body is done.
            }
        }
    }
}
