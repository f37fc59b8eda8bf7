package dev.jstack.plan;

import dev.jstack.spec.Service;
import java.time.Duration;
import java.util.List;

/**
 * One step of a {@link Plan}: what it acts on, why, and the ids of the earlier actions it waits for. Actions
 * carry everything the executor needs, so that applying a plan decides nothing.
 */
public sealed interface Action {

    /** The action's number in its plan, from 1; it waits only for smaller numbers. */
    int id();

    /** The pin name or container id acted on. */
    String target();

    String cause();

    List<Integer> waitsFor();

    /** The word that names the action in a printed plan. */
    String verb();

    /** The service whose failure this action counts as, or the pin's owner. */
    String service();

    /** Pins a new network namespace for the {@code none} service {@code owner}. */
    record CreatePin(int id, String owner, String pinName, String pin, String cause, List<Integer> waitsFor)
            implements Action {
        @Override public String target() { return pinName; }
        @Override public String verb() { return "create-pin"; }
        @Override public String service() { return owner; }
    }

    /**
     * Creates (but does not start) the container of {@code config} in {@code netns}; {@code etcOwner} is the
     * service whose generated /etc files it shares, and {@code hash} is recorded with it.
     */
    record CreateContainer(int id, String service, String container, Service config, Netns netns,
                           String etcOwner, ConfigHash hash, String cause, List<Integer> waitsFor)
            implements Action {
        @Override public String target() { return container; }
        @Override public String verb() { return "create"; }
    }

    /** Starts a created container and checks that it landed in {@code netns}. */
    record Start(int id, String service, String container, Netns netns, String cause, List<Integer> waitsFor)
            implements Action {
        @Override public String target() { return container; }
        @Override public String verb() { return "start"; }
    }

    /** Sends {@code signal}, then SIGKILL once {@code grace} has passed. */
    record Stop(int id, String service, String container, String signal, Duration grace, String cause,
                List<Integer> waitsFor) implements Action {
        @Override public String target() { return container; }
        @Override public String verb() { return "stop"; }
    }

    /** Deletes a container and everything jstack made for it: rootfs mounts, bundle, upper dir, log, record. */
    record Remove(int id, String service, String container, String cause, List<Integer> waitsFor)
            implements Action {
        @Override public String target() { return container; }
        @Override public String verb() { return "remove"; }
    }

    /** Unmounts and unlinks a pin, with its record and the owner's generated /etc files. */
    record RemovePin(int id, String owner, String pinName, String pin, String cause, List<Integer> waitsFor)
            implements Action {
        @Override public String target() { return pinName; }
        @Override public String verb() { return "remove-pin"; }
        @Override public String service() { return owner; }
    }
}
