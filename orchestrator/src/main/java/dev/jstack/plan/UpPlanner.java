package dev.jstack.plan;

import dev.jstack.spec.Service;
import dev.jstack.state.ContainerRecord;
import dev.jstack.state.Observed;
import dev.jstack.state.ObservedContainer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * Plans {@code up}, {@code start} and {@code restart}: decides per service what differs ({@link Change}), then
 * stops and removes what goes (dependents first), makes missing pins, creates and starts in start order after
 * everything each service needs, and removes pins no service wants once every container in them is gone. A
 * service whose container runs from the same configuration in the same namespace is not touched.
 */
final class UpPlanner {
    static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

    /** Which command plans: {@code up} converges, {@code start} starts what exists, {@code restart} replaces it. */
    enum Mode { UP, START, RESTART }

    private final Planner planner;
    private final Observed observed;
    private final SortedSet<String> targets;
    private final Mode mode;
    private final boolean removeOrphans;
    private final PinChanges pins;
    private final PlanBuilder plan = new PlanBuilder();
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, Change> changes = new LinkedHashMap<>();
    private final Map<String, Integer> pinCreated = new HashMap<>();
    private final Map<String, Integer> stopped = new HashMap<>();
    private final Map<String, Integer> removed = new HashMap<>();
    private final Map<String, Integer> started = new HashMap<>();

    UpPlanner(Planner planner, Observed observed, SortedSet<String> targets, Mode mode, boolean removeOrphans) {
        this.planner = planner;
        this.observed = observed;
        this.targets = targets;
        this.mode = mode;
        this.removeOrphans = removeOrphans;
        this.pins = new PinChanges(planner, observed, targets);
    }

    Plan plan() throws PlanException {
        if (mode != Mode.UP && !pins.toCreate().isEmpty()) {
            throw new PlanException(pins.toCreate().stream().map(o -> "the network namespace "
                    + planner.paths().pinName(o) + " is gone: run `jstack up` to make it again").toList());
        }
        for (String service : planner.graph().startOrder()) {
            if (targets.contains(service)) {
                decide(service).ifPresent(c -> changes.put(service, c));
            }
        }
        orphans();
        stopAndRemove();
        for (String owner : pins.toCreate()) {
            String cause = observed.pinRecords().containsKey(owner) ? "pin vanished" : "new";
            pinCreated.put(owner, plan.add(id -> new Action.CreatePin(id, owner, planner.paths().pinName(owner),
                    planner.paths().pin(owner).toString(), cause, List.of())));
        }
        createAndStart();
        removeStalePins();
        return plan.build(warnings);
    }

    private Optional<Change> decide(String name) {
        String container = planner.paths().containerId(name);
        Optional<ObservedContainer> found = observed.container(container);
        Optional<ContainerRecord> record = observed.record(name);
        if (mode != Mode.UP && found.isEmpty()) {
            warnings.add("service " + name + " has no container: `jstack up` creates it");
            return Optional.empty();
        }
        if (mode == Mode.RESTART) {
            return Optional.of(Change.replace("restart"));
        }
        if (mode == Mode.START) {
            return found.get().isRunning() ? Optional.empty() : Optional.of(startOrReplace(found.get(), "start"));
        }
        if (found.isEmpty()) {
            return Optional.of(Change.replace(record.isEmpty() ? "new" : "container vanished"));
        }
        Optional<String> pinReplaced = pins.replacedUnder(name, record);
        if (pinReplaced.isPresent()) {
            return Optional.of(Change.replace(pinReplaced.get()));
        }
        if (record.isEmpty()) {
            return Optional.of(Change.replace("not recorded by jstack"));
        }
        ConfigHash hash = ConfigHash.of(planner.stack().services().get(name), planner.netns(name));
        if (!hash.value().equals(record.get().configHash())) {
            List<String> parts = hash.changedParts(record.get().partHashes());
            return Optional.of(Change.replace(parts.isEmpty() ? "config changed"
                    : "config changed: " + String.join(", ", parts)));
        }
        return found.get().isRunning() ? Optional.empty()
                : Optional.of(startOrReplace(found.get(), "container " + found.get().status()));
    }

    // A created container only needs its start; a stopped one cannot be started again by an OCI runtime.
    private static Change startOrReplace(ObservedContainer container, String cause) {
        return "created".equals(container.status()) ? Change.start(cause) : Change.replace(cause);
    }

    private void orphans() {
        SortedMap<String, String> orphans = new TreeMap<>(DownPlanner.containersByService(observed,
                planner.paths()));
        orphans.keySet().removeAll(planner.stack().services().keySet());
        if (orphans.isEmpty() || mode != Mode.UP) {
            return;
        }
        if (removeOrphans) {
            orphans.keySet().forEach(s -> changes.put(s, Change.remove("orphan: service " + s + " is not in the file")));
        } else {
            warnings.add("found orphan containers (" + String.join(", ", orphans.values()) + ") for this project:"
                    + " if you removed or renamed their service in the file, run this command with"
                    + " --remove-orphans to remove them");
        }
    }

    // Stops dependents before what they need, orphans first; removes each container once it has stopped.
    private void stopAndRemove() {
        List<String> order = new ArrayList<>(changes.keySet().stream()
                .filter(s -> !planner.stack().services().containsKey(s)).toList());
        order.addAll(planner.graph().stopOrder());
        for (String service : order) {
            Change change = changes.get(service);
            if (change == null || change.kind() == Change.Kind.START) {
                continue;
            }
            String container = planner.paths().containerId(service);
            Optional<ObservedContainer> found = observed.container(container);
            Integer stop = found.filter(ObservedContainer::isRunning).map(c -> stop(service, container, change))
                    .orElse(null);
            if (found.isPresent() || observed.record(service).isPresent()) {
                List<Integer> waits = PlanBuilder.waits(Arrays.asList(stop));
                removed.put(service, plan.add(id -> new Action.Remove(id, service, container, change.cause(), waits)));
            }
        }
    }

    private int stop(String service, String container, Change change) {
        List<Integer> waits = new ArrayList<>();
        Service config = planner.stack().services().get(service);
        if (config != null) {
            planner.graph().dependents(service).forEach(d -> waits.add(stopped.get(d)));
        }
        String signal = config == null ? "SIGTERM" : stopSignal(config);
        Duration grace = config == null ? DEFAULT_GRACE : grace(config);
        int id = plan.add(n -> new Action.Stop(n, service, container, signal, grace, change.cause(),
                PlanBuilder.waits(waits)));
        stopped.put(service, id);
        return id;
    }

    private void createAndStart() {
        for (String name : planner.graph().startOrder()) {
            Change change = changes.get(name);
            if (change == null || change.kind() == Change.Kind.REMOVE) {
                continue;
            }
            String container = planner.paths().containerId(name);
            Netns netns = planner.netns(name);
            List<Integer> waits = new ArrayList<>();
            planner.graph().dependencies(name).forEach(d -> waits.add(started.get(d)));
            if (change.kind() == Change.Kind.START) {
                started.put(name, plan.add(id -> new Action.Start(id, name, container, netns, change.cause(),
                        PlanBuilder.waits(waits))));
                continue;
            }
            Service service = planner.stack().services().get(name);
            waits.add(removed.get(name));
            if (netns instanceof Netns.Pin pin) {
                waits.add(pinCreated.get(pin.owner()));
            }
            int create = plan.add(id -> new Action.CreateContainer(id, name, container, service, netns,
                    planner.etcOwner(name), ConfigHash.of(service, netns), change.cause(), PlanBuilder.waits(waits)));
            started.put(name, plan.add(id -> new Action.Start(id, name, container, netns, change.cause(),
                    List.of(create))));
        }
    }

    // A stale pin goes once every container recorded in it is removed; one still in use (an orphan kept) stays.
    private void removeStalePins() {
        pins.stale().forEach((owner, why) -> {
            String pin = planner.paths().pin(owner).toString();
            List<Integer> waits = new ArrayList<>();
            for (ContainerRecord r : observed.records().values()) {
                if (pin.equals(r.netns())) {
                    if (!removed.containsKey(r.service()) && observed.container(r.container()).isPresent()) {
                        return;
                    }
                    waits.add(removed.get(r.service()));
                }
            }
            plan.add(id -> new Action.RemovePin(id, owner, planner.paths().pinName(owner), pin, why,
                    PlanBuilder.waits(waits)));
        });
    }

    static String stopSignal(Service service) {
        String signal = service.lifecycle() == null ? null : service.lifecycle().stopSignal();
        return signal == null || signal.isBlank() ? "SIGTERM" : signal;
    }

    static Duration grace(Service service) {
        Duration grace = service.lifecycle() == null ? null : service.lifecycle().stopGracePeriod();
        return grace == null ? DEFAULT_GRACE : grace;
    }
}
