package dev.jstack.apply;

import dev.jstack.plan.Action;
import dev.jstack.plan.Plan;
import dev.jstack.runtime.ContainerRuntime;
import dev.jstack.runtime.ContainerSpec;
import dev.jstack.runtime.ContainerStatus;
import dev.jstack.runtime.NamespacePins;
import dev.jstack.runtime.RootfsMounts;
import dev.jstack.runtime.RuntimeFailure;
import dev.jstack.state.ContainerRecord;
import dev.jstack.state.PinRecord;
import dev.jstack.state.ProjectPaths;
import dev.jstack.state.RecordStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * Carries out single plan actions against the runtime, the pins and the host's files. Each action either
 * completes or undoes what it made before failing, so a failed run leaves only what earlier, completed actions
 * made, recorded for {@code down}.
 */
public final class Operations implements Executor.Step {
    private static final Duration POLL = StopSequence.POLL;
    private static final Duration SETTLE = Duration.ofSeconds(1);
    private static final int PIN_REMOVE_ATTEMPTS = 10;

    private final Host host;
    private final Containers containers;
    private final HostPreparation preparation;
    private final Consumer<String> progress;
    private final Gate gate;
    private volatile Consumer<ProgressEvent> events;
    private final StartsAtCreation startsAtCreation = new StartsAtCreation();
    private final StopSequence stopping;

    /**
     * What a container's creation waits for besides the actions before it: the {@code depends_on} conditions
     * {@code service_healthy} and {@code service_completed_successfully}, which only the running system can tell.
     */
    @FunctionalInterface
    public interface Gate {
        Gate OPEN = create -> { };

        /** Returns once {@code create} may go ahead; fails when a condition it waits for cannot hold any more. */
        void await(Action.CreateContainer create) throws RuntimeFailure;
    }

    /** The ports and files every action works with. */
    public record Host(ContainerRuntime runtime, NamespacePins pins, RootfsMounts rootfs, ProjectPaths paths,
                       RecordStore records, NetnsVerifier verifier, MountTable mounts) {
    }

    public Operations(Host host, Containers containers, EtcFiles etc, Consumer<String> progress) {
        this(host, containers, etc, progress, Gate.OPEN);
    }

    public Operations(Host host, Containers containers, EtcFiles etc, Consumer<String> progress, Gate gate) {
        this.gate = gate;
        this.host = host;
        this.containers = containers;
        this.preparation = new HostPreparation(host, containers, etc);
        this.stopping = new StopSequence(host.runtime());
        this.progress = progress;
        this.events = e -> {
            if (e.done()) {
                progress.accept(e.text());
            }
        };
    }

    /** Sends every step's events to {@code listener} instead of plain lines of finished steps. */
    void reportTo(Consumer<ProgressEvent> listener) {
        this.events = listener;
    }

    @Override
    public void begin(Plan plan) {
        startsAtCreation.read(plan);
        preparation.begin();
    }

    @Override
    public void run(Action action) throws RuntimeFailure {
        event(action, BEGUN.get(action.verb()), false);
        try {
            if (action instanceof Action.CreatePin a) createPin(a);
            else if (action instanceof Action.CreateContainer a) create(a);
            else if (action instanceof Action.Start a) start(a);
            else if (action instanceof Action.Stop a) stop(a);
            else if (action instanceof Action.Remove a) remove(a);
            else if (action instanceof Action.RemovePin a) removePin(a);
        } catch (IOException e) {
            throw new RuntimeFailure(action.verb() + " " + action.target() + ": " + e.getMessage(), e);
        }
    }

    private static final Map<String, String> BEGUN = Map.of("create-pin", "Pinning",
            "create", "Creating", "start", "Starting", "stop", "Stopping", "remove", "Removing",
            "remove-pin", "Removing");

    private void event(Action a, String status, boolean done) {
        String kind = a instanceof Action.CreatePin || a instanceof Action.RemovePin ? "Network namespace" : "Container";
        events.accept(new ProgressEvent(kind, a.target(), a.service(), status, done));
    }

    // Records come before what they describe: a jstack killed in between leaves a record that the next command
    // acts on (up makes the thing again, down removes it), never a thing that nothing points to.
    private void createPin(Action.CreatePin a) throws RuntimeFailure, IOException {
        Path pin = Path.of(a.pin());
        host.records().write(new PinRecord(a.owner(), a.pin()));
        try {
            if (Files.exists(pin) && !host.pins().isNetworkNamespace(pin)) {
                host.pins().remove(pin);
            }
            host.pins().create(a.pinName());
        } catch (RuntimeFailure | RuntimeException e) {
            host.records().deletePin(a.owner());
            throw e;
        }
        event(a, "Pinned", true);
    }

    private void create(Action.CreateContainer a) throws RuntimeFailure, IOException {
        gate.await(a);
        ContainerSpec spec = containers.spec(a);
        if (host.runtime().state(a.container()).isEmpty() && preparation.leftBehind(a.container())) {
            // A container deleted behind jstack's back (runc delete) leaves its rootfs mount and bundle behind.
            preparation.release(a.container());
        }
        host.records().write(new ContainerRecord(a.service(), a.container(), a.hash().value(),
                a.hash().parts(), a.config().network().mode().toString(), a.netns().path(), a.etcOwner()));
        try {
            preparation.prepare(a, spec);
            if (startsAtCreation.startsAt(a)) {
                startsAtCreation.started(a.container(), host.runtime().run(spec, host.paths().logFile(a.container())));
            } else {
                host.runtime().create(spec, host.paths().logFile(a.container()));
            }
        } catch (RuntimeFailure | IOException | RuntimeException e) {
            discard(a.container());
            throw e;
        }
        event(a, "Created", true);
    }

    // A container its creation started already is only checked, with the pid that creation got: one read of the
    // runtime's state less. Had it ended since, the check finds no such process and the state says it stopped.
    private void start(Action.Start a) throws RuntimeFailure, IOException {
        try {
            OptionalInt started = startsAtCreation.take(a.container());
            if (started.isEmpty()) {
                host.runtime().start(a.container());
            }
            int pid = started.isPresent() ? started.getAsInt()
                    : host.runtime().state(a.container()).map(ContainerStatus::pid).orElse(0);
            if (pid <= 0) {
                // A one-shot service may be done already: nothing is left to check, and nothing failed.
                event(a, "Exited", true);
                return;
            }
            if (!verified(a, pid)) {
                event(a, "Exited", true);
                return;
            }
        } catch (RuntimeFailure | RuntimeException e) {
            discard(a.container());
            throw e;
        }
        event(a, "Started", true);
    }

    // A container that ended between the read of its state and the check (its init is gone or a zombie, whose
    // namespace links cannot be read) is done, as a one-shot service is: that is no failure of the start. An
    // exiting process lets go of its namespaces before it turns into a zombie, so for a moment it still reads as
    // running while its links are gone: the check is repeated until the container is seen stopped or SETTLE ends.
    private boolean verified(Action.Start a, int pid) throws RuntimeFailure {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            try {
                host.verifier().verify(a.container(), pid, a.netns());
                return true;
            } catch (RuntimeFailure e) {
                if (!stopping.running(a.container())) {
                    return false;
                }
                if (System.nanoTime() >= deadline) {
                    throw e;
                }
                StopSequence.pause(POLL, "checking " + a.container());
            }
        }
    }

    private void stop(Action.Stop a) throws RuntimeFailure {
        startsAtCreation.forget(a.container());
        if (stopping.running(a.container())) {
            stopping.stop(a.container(), a.signal(), a.grace());
        }
        event(a, "Stopped", true);
    }

    private void remove(Action.Remove a) throws RuntimeFailure, IOException {
        startsAtCreation.forget(a.container());
        // Deleted even when the runtime's state says it is gone: a removal cut short (kill -9) can leave runc's
        // state directory without its state file, which runc cannot load, yet which keeps the id taken until runc's
        // delete removes it.
        try {
            host.runtime().delete(a.container(), true);
        } catch (RuntimeFailure e) {
            // Deleted meanwhile (by hand, or by a runtime that removes what exits): the goal is reached.
            if (host.runtime().state(a.container()).isPresent()) {
                throw e;
            }
        }
        preparation.release(a.container());
        host.records().deleteContainer(a.container());
        event(a, "Removed", true);
    }

    private void removePin(Action.RemovePin a) throws RuntimeFailure, IOException {
        removeRetrying(Path.of(a.pin()));
        host.records().deletePin(a.owner());
        event(a, "Removed", true);
    }

    /*
     * Another jstack process that binds the host's root for a container copies the pins of /run/netns for the few
     * moments until it unmounts those copies; meanwhile unlinking the pin fails with EBUSY. Removing is
     * idempotent, so trying again shortly is safe.
     */
    private void removeRetrying(Path pin) throws RuntimeFailure {
        for (int attempt = 1; ; attempt++) {
            try {
                host.pins().remove(pin);
                return;
            } catch (RuntimeFailure e) {
                if (attempt >= PIN_REMOVE_ATTEMPTS) {
                    throw e;
                }
                StopSequence.pause(POLL.multipliedBy(2), "removing " + pin);
            }
        }
    }

    // Undo of a create or start that failed: the failure being reported matters more than one of the undo.
    private void discard(String container) {
        startsAtCreation.forget(container);
        try {
            Optional<ContainerStatus> state = host.runtime().state(container);
            if (state.isPresent()) {
                host.runtime().delete(container, true);
            }
        } catch (RuntimeFailure ignored) {
            // The container may never have existed; release() below still removes the files.
        }
        try {
            preparation.release(container);
            host.records().deleteContainer(container);
        } catch (RuntimeFailure | IOException e) {
            progress.accept("warning: could not undo " + container + ": " + e.getMessage()
                    + " (`jstack down` removes it)");
        }
    }
}
