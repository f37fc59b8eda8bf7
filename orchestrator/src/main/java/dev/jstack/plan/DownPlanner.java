package dev.jstack.plan;

import dev.jstack.spec.Service;
import dev.jstack.state.ContainerRecord;
import dev.jstack.state.Observed;
import dev.jstack.state.ObservedContainer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Plans {@code down} (and the stop of a foreground {@code up}): every running container of the project is
 * stopped after the services that need it (services no longer in the file first), then, for {@code down}, every
 * container and record is removed and, once all are gone, every pin.
 */
final class DownPlanner {
    private final Planner planner;
    private final Observed observed;
    private final Duration timeout;
    private final boolean remove;
    private final java.util.Set<String> only;
    private final PlanBuilder plan = new PlanBuilder();
    private final Map<String, Integer> stopped = new HashMap<>();

    /** {@code only}: the services to stop, or empty for all of them (and always all for {@code down}). */
    DownPlanner(Planner planner, Observed observed, Duration timeout, boolean remove, java.util.Set<String> only) {
        this.planner = planner;
        this.observed = observed;
        this.timeout = timeout;
        this.remove = remove;
        this.only = only;
    }

    Plan plan() {
        SortedMap<String, String> containers = containersByService(observed, planner.paths());
        if (!only.isEmpty()) {
            containers.keySet().retainAll(only);
        }
        List<String> order = new ArrayList<>();
        containers.keySet().stream().filter(s -> !planner.stack().services().containsKey(s)).forEach(order::add);
        planner.graph().stopOrder().stream().filter(containers::containsKey).forEach(order::add);
        List<Integer> removals = new ArrayList<>();
        String cause = remove ? "down" : "stopping";
        for (String service : order) {
            String container = containers.get(service);
            Integer stop = observed.container(container).filter(ObservedContainer::isRunning)
                    .map(c -> stop(service, container, cause)).orElse(null);
            if (remove) {
                List<Integer> waits = PlanBuilder.waits(Arrays.asList(stop));
                removals.add(plan.add(id -> new Action.Remove(id, service, container, cause, waits)));
            }
        }
        if (remove) {
            SortedSet<String> pins = new TreeSet<>(observed.pins().keySet());
            pins.addAll(observed.pinRecords().keySet());
            List<Integer> waits = PlanBuilder.waits(removals);
            for (String owner : pins) {
                plan.add(id -> new Action.RemovePin(id, owner, planner.paths().pinName(owner),
                        planner.paths().pin(owner).toString(), cause, waits));
            }
        }
        return plan.build();
    }

    private int stop(String service, String container, String cause) {
        List<Integer> waits = new ArrayList<>();
        if (planner.stack().services().containsKey(service)) {
            planner.graph().dependents(service).forEach(d -> waits.add(stopped.get(d)));
        }
        Service config = planner.stack().services().get(service);
        String signal = config == null ? "SIGTERM" : UpPlanner.stopSignal(config);
        Duration grace = timeout != null ? timeout : config == null ? UpPlanner.DEFAULT_GRACE : UpPlanner.grace(config);
        int id = plan.add(n -> new Action.Stop(n, service, container, signal, grace, cause, PlanBuilder.waits(waits)));
        stopped.put(service, id);
        return id;
    }

    // Containers by service: those jstack recorded, and those the runtime holds under this project's ids.
    static SortedMap<String, String> containersByService(Observed observed, dev.jstack.state.ProjectPaths paths) {
        SortedMap<String, String> out = new TreeMap<>();
        for (ContainerRecord r : observed.records().values()) {
            out.put(r.service(), r.container());
        }
        String prefix = paths.containerPrefix();
        for (String id : observed.containers().keySet()) {
            if (!out.containsValue(id) && id.startsWith(prefix) && id.endsWith("-1")) {
                out.put(id.substring(prefix.length(), id.length() - 2), id);
            }
        }
        return out;
    }
}
