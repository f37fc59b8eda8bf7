package dev.jstack.apply;

import dev.jstack.runtime.ContainerRuntime;
import dev.jstack.runtime.ContainerStatus;
import dev.jstack.runtime.NamespacePins;
import dev.jstack.runtime.RuntimeFailure;
import dev.jstack.state.ContainerRecord;
import dev.jstack.state.Observed;
import dev.jstack.state.ObservedContainer;
import dev.jstack.state.ProjectPaths;
import dev.jstack.state.RecordStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Takes the one observation a command decides from: the runtime's containers of this project (their bundle lies
 * under the project's run directory, or jstack recorded them), the pins present under /run/netns that are
 * network namespaces, and the records.
 */
public final class Observer {
    private final ContainerRuntime runtime;
    private final NamespacePins pins;
    private final ProjectPaths paths;
    private final RecordStore records;

    public Observer(ContainerRuntime runtime, NamespacePins pins, ProjectPaths paths, RecordStore records) {
        this.runtime = runtime;
        this.pins = pins;
        this.paths = paths;
        this.records = records;
    }

    /** Observes the project; {@code services} are the stack's, whose pins count even without a record. */
    public Observed observe(Collection<String> services) throws RuntimeFailure {
        SortedMap<String, ContainerRecord> recorded = records.containers();
        Set<String> recordedIds = new TreeSet<>();
        recorded.values().forEach(r -> recordedIds.add(r.container()));
        SortedMap<String, ObservedContainer> containers = new TreeMap<>();
        for (ContainerStatus c : runtime.list(paths.containerPrefix())) {
            boolean ours = c.bundle() != null ? c.bundle().startsWith(paths.bundlesDir()) : recordedIds.contains(c.id());
            if (ours) {
                containers.put(c.id(), new ObservedContainer(c.id(), c.status(), c.pid()));
            }
        }
        var pinRecords = records.pins();
        Set<String> owners = new TreeSet<>(services);
        owners.addAll(pinRecords.keySet());
        SortedMap<String, String> present = new TreeMap<>();
        for (String owner : owners) {
            Path pin = paths.pin(owner);
            if (Files.exists(pin) && pins.isNetworkNamespace(pin)) {
                present.put(owner, pin.toString());
            }
        }
        return new Observed(containers, present, recorded, pinRecords);
    }
}
