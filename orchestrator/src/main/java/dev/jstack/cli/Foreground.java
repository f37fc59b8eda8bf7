package dev.jstack.cli;

import dev.jstack.apply.Executor;
import dev.jstack.apply.Project;
import dev.jstack.state.ObservedContainer;
import dev.jstack.state.ProjectLock;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A foreground {@code up} after its containers started: follows their logs and, on Ctrl-C (the JVM's shutdown
 * hook), stops every container gracefully as compose does; returns by itself once all containers have ended.
 */
final class Foreground {
    private static final Duration POLL = Duration.ofMillis(500);

    private final Project project;
    private final PrintWriter out;
    private final PrintWriter err;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean leaving;
    private Thread follower;

    Foreground(Project project, PrintWriter out, PrintWriter err) {
        this.project = project;
        this.out = out;
        this.err = err;
    }

    int run(Map<String, Long> offsets) throws Exception {
        LogTail tail = new LogTail(project, out, LogTail.colours());
        follower = new Thread(() -> tail.follow(offsets, () -> leaving), "jstack-logs");
        follower.setDaemon(true);
        follower.start();
        Thread hook = new Thread(this::stopAll, "jstack-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        while (anyRunning()) {
            Thread.sleep(POLL.toMillis());
        }
        leaving = true;
        follower.join(POLL.toMillis() * 4);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            stopped.await();
        }
        return ExitCode.OK;
    }

    private boolean anyRunning() throws Exception {
        return project.observe().containers().values().stream().anyMatch(ObservedContainer::isRunning);
    }

    // Runs in the shutdown hook: Ctrl-C stops every container, as compose does, and removes nothing.
    private void stopAll() {
        err.println("Gracefully stopping... (press Ctrl+C again to force)");
        err.flush();
        try (ProjectLock lock = ProjectLock.acquire(project.paths().lockFile(), project.paths().project(),
                err::println)) {
            Executor.Result result = project.apply(project.planner().stop(project.observe(), null));
            if (!result.ok()) {
                err.println("jstack: error: " + new ApplyFailure(result).getMessage());
            }
        } catch (Exception e) {
            err.println("jstack: error: " + e.getMessage());
        } finally {
            // The services' last words (written while they stopped) are shown before jstack ends.
            leaving = true;
            try {
                follower.join(POLL.toMillis() * 4);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            err.flush();
            stopped.countDown();
        }
    }
}
