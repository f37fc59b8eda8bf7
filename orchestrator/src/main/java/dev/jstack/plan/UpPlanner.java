package dev.jstack.plan;

import dev.jstack.spec.Service;
import dev.jstack.state.ContainerRecord;
import dev.jstack.state.Observed;
import dev.jstack.state.ObservedContainer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Plans {@code up}: pins for {@code none} owners that lack one, then, in start order, each service whose container
 * is missing, not running, unrecorded, made from another configuration, or left in a replaced pin is (re)created
 * and started after everything it needs. Pins whose owner no longer asks for one are removed last.
 */
final class UpPlanner {
    static final java.time.Duration DEFAULT_GRACE = java.time.Duration.ofSeconds(10);

    private final Planner planner;
    private final Observed observed;
    private final SortedSet<String> targets;
    private final PlanBuilder plan = new PlanBuilder();
    private final Map<String, Integer> pinCreated = new TreeMap<>();
    private final Map<String, Integer> started = new HashMap<>();
    private final Map<String, Integer> removed = new HashMap<>();

    UpPlanner(Planner planner, Observed observed, SortedSet<String> targets) {
        this.planner = planner;
        this.observed = observed;
        this.targets = targets;
    }

    Plan plan() {
        for (String owner : pinOwners(targets)) {
            if (!observed.hasPin(owner)) {
                String cause = observed.pinRecords().containsKey(owner) ? "pin vanished" : "new";
                String pin = planner.paths().pin(owner).toString();
                pinCreated.put(owner, plan.add(id -> new Action.CreatePin(id, owner,
                        planner.paths().pinName(owner), pin, cause, List.of())));
            }
        }
        for (String service : planner.graph().startOrder()) {
            if (targets.contains(service)) {
                planService(service);
            }
        }
        removeStalePins();
        return plan.build();
    }

    private void planService(String name) {
        Service service = planner.stack().services().get(name);
        String container = planner.paths().containerId(name);
        Netns netns = planner.netns(name);
        ConfigHash hash = ConfigHash.of(service, netns);
        Optional<ObservedContainer> running = observed.container(container);
        String cause = reason(name, netns, hash, running, observed.record(name));
        if (cause == null) {
            return;
        }
        List<Integer> waits = new ArrayList<>();
        if (running.isPresent()) {
            Integer stop = running.get().isRunning() ? plan.add(id -> new Action.Stop(id, name, container,
                    stopSignal(service), grace(service), cause, List.of())) : null;
            List<Integer> afterStop = PlanBuilder.waits(java.util.Arrays.asList(stop));
            int remove = plan.add(id -> new Action.Remove(id, name, container, cause, afterStop));
            removed.put(name, remove);
            waits.add(remove);
        }
        if (netns instanceof Netns.Pin pin) {
            waits.add(pinCreated.get(pin.owner()));
        }
        planner.graph().dependencies(name).forEach(d -> waits.add(started.get(d)));
        String etcOwner = planner.etcOwner(name);
        int create = plan.add(id -> new Action.CreateContainer(id, name, container, service, netns, etcOwner,
                hash, cause, PlanBuilder.waits(waits)));
        started.put(name, plan.add(id -> new Action.Start(id, name, container, netns, cause, List.of(create))));
    }

    private String reason(String name, Netns netns, ConfigHash hash, Optional<ObservedContainer> container,
                          Optional<ContainerRecord> record) {
        if (container.isEmpty()) {
            return record.isEmpty() ? "new" : "container vanished";
        }
        if (netns instanceof Netns.Pin pin && pinCreated.containsKey(pin.owner())) {
            return "pin replaced: " + planner.paths().pinName(pin.owner());
        }
        if (!container.get().isRunning()) {
            return "container " + container.get().status();
        }
        if (record.isEmpty()) {
            return "not recorded by jstack";
        }
        if (!hash.value().equals(record.get().configHash())) {
            List<String> parts = hash.changedParts(record.get().partHashes());
            return parts.isEmpty() ? "config changed" : "config changed: " + String.join(", ", parts);
        }
        return null;
    }

    // A pin is stale when no service of the whole stack (selected or not) owns it in mode none any more.
    private void removeStalePins() {
        SortedSet<String> wanted = pinOwners(planner.stack().services().keySet());
        SortedSet<String> present = new TreeSet<>(observed.pins().keySet());
        present.addAll(observed.pinRecords().keySet());
        for (String owner : present) {
            if (wanted.contains(owner)) {
                continue;
            }
            String pin = planner.paths().pin(owner).toString();
            List<Integer> waits = new ArrayList<>();
            observed.records().values().stream().filter(r -> pin.equals(r.netns()))
                    .forEach(r -> waits.add(removed.get(r.service())));
            String cause = planner.stack().services().containsKey(owner)
                    ? "owner " + owner + " is no longer in mode none" : "service " + owner + " was removed";
            plan.add(id -> new Action.RemovePin(id, owner, planner.paths().pinName(owner), pin, cause,
                    PlanBuilder.waits(waits)));
        }
    }

    private SortedSet<String> pinOwners(Iterable<String> services) {
        SortedSet<String> owners = new TreeSet<>();
        for (String s : services) {
            if (planner.netns(s) instanceof Netns.Pin pin) {
                owners.add(pin.owner());
            }
        }
        return owners;
    }

    static String stopSignal(Service service) {
        String signal = service.lifecycle() == null ? null : service.lifecycle().stopSignal();
        return signal == null || signal.isBlank() ? "SIGTERM" : signal;
    }

    static java.time.Duration grace(Service service) {
        java.time.Duration grace = service.lifecycle() == null ? null : service.lifecycle().stopGracePeriod();
        return grace == null ? DEFAULT_GRACE : grace;
    }
}
