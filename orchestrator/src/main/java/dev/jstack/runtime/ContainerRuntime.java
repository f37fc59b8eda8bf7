package dev.jstack.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The port to an OCI runtime (runc by default, crun by choice): the handful of calls jstack needs.
 * Implementations call the runtime's CLI; tests use an in-memory fake.
 */
public interface ContainerRuntime {

    /**
     * Writes the bundle of {@code spec} and creates the container (not yet started); the container's stdout
     * and stderr are appended to {@code logFile}. Returns the pid of the container's init process.
     */
    int create(ContainerSpec spec, Path logFile) throws RuntimeFailure;

    void start(String id) throws RuntimeFailure;

    /**
     * As {@link #create} followed by {@link #start}, for a container that nothing needs in the created state:
     * runc makes it in one call ({@code run --detach}). Returns the pid of the container's init process.
     */
    default int run(ContainerSpec spec, Path logFile) throws RuntimeFailure {
        int pid = create(spec, logFile);
        start(spec.id());
        return pid;
    }

    /**
     * The pid the container's init process had, also once it has ended, for as long as the runtime keeps the
     * container; empty where the runtime cannot tell without a call. That pid tells a stopped container's exit code.
     */
    default OptionalInt initPid(String id) {
        return OptionalInt.empty();
    }

    /** The container's state, or empty when the runtime does not know it. */
    Optional<ContainerStatus> state(String id) throws RuntimeFailure;

    /** Every container the runtime knows whose id starts with {@code prefix}. */
    List<ContainerStatus> list(String prefix) throws RuntimeFailure;

    /** Sends a signal (a name such as "TERM", "SIGKILL" or "SIGRTMIN+3", or a number) to the container's init. */
    void kill(String id, String signal) throws RuntimeFailure;

    /**
     * Waits up to {@code limit} for the container to stop running: true when it has stopped (or is gone), false
     * when it still runs at the limit. The default reads its state every 10 ms: a killed container usually goes
     * within milliseconds, and each read is short.
     */
    default boolean awaitStopped(String id, Duration limit) throws RuntimeFailure {
        long deadline = System.nanoTime() + limit.toNanos();
        while (state(id).map(ContainerStatus::isRunning).orElse(false)) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RuntimeFailure("interrupted while stopping " + id);
            }
        }
        return true;
    }

    /** Deletes the container; with {@code force} also when it is still running. */
    void delete(String id, boolean force) throws RuntimeFailure;

    /** Runs a command in the container with this process's stdio; returns its exit code. */
    int exec(String id, List<String> command, boolean tty) throws RuntimeFailure;

    /**
     * Runs a check in the container with no stdio, as health checks do: its exit code, or a failure when it did
     * not end within {@code timeout} (it is then killed). The default ignores the timeout.
     */
    default int probe(String id, List<String> command, Duration timeout) throws RuntimeFailure {
        return exec(id, command, false);
    }
}
