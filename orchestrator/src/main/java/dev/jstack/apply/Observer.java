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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
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
    private static final int LIST_ATTEMPTS = 5;
    private static final long LIST_PAUSE_MILLIS = 100;

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
        for (ContainerStatus c : listRetrying()) {
            boolean ours = c.bundle() != null
                    ? c.bundle().startsWith(paths.bundlesDir()) : recordedIds.contains(c.id());
            if (ours) {
                containers.put(c.id(), new ObservedContainer(c.id(), c.status(), c.pid()));
            }
        }
        var pinRecords = records.pins();
        Set<String> owners = new TreeSet<>(services);
        owners.addAll(pinRecords.keySet());
        owners.addAll(unclaimedPinOwners());
        SortedMap<String, Path> existing = new TreeMap<>();
        for (String owner : owners) {
            Path pin = paths.pin(owner);
            if (Files.exists(pin)) {
                existing.put(owner, pin);
            }
        }
        // Asked all at once: one read of the mount table can answer for every pin.
        Set<Path> namespaces = Set.copyOf(pins.networkNamespaces(existing.values()));
        SortedMap<String, String> present = new TreeMap<>();
        existing.forEach((owner, pin) -> {
            if (namespaces.contains(pin)) {
                present.put(owner, pin.toString());
            }
        });
        return new Observed(containers, present, recorded, pinRecords);
    }

    /*
     * runc lists by reading its state directory, then each entry: a container that another process deletes in
     * between fails the whole listing ("stat /run/runc/X: no such file or directory"). A second look is consistent.
     */
    private List<ContainerStatus> listRetrying() throws RuntimeFailure {
        for (int attempt = 1; ; attempt++) {
            try {
                return runtime.list(paths.containerPrefix());
            } catch (RuntimeFailure e) {
                if (attempt >= LIST_ATTEMPTS) {
                    throw e;
                }
                try {
                    Thread.sleep(LIST_PAUSE_MILLIS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * Owners of pins named with this project's prefix that jstack no longer knows (a lost record): they are
     * this project's unless a longer project name that also matches has a run directory ("a" vs "a-b").
     */
    private Set<String> unclaimedPinOwners() throws RuntimeFailure {
        Set<String> owners = new TreeSet<>();
        if (!Files.isDirectory(paths.netnsRoot())) {
            return owners;
        }
        try (var names = Files.list(paths.netnsRoot())) {
            for (Path file : names.toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith(paths.pinPrefix()) && !claimedByLongerProject(name)) {
                    owners.add(name.substring(paths.pinPrefix().length()));
                }
            }
        } catch (IOException e) {
            throw new RuntimeFailure("cannot list " + paths.netnsRoot() + ": " + e.getMessage(), e);
        }
        return owners;
    }

    private boolean claimedByLongerProject(String pinName) {
        String rest = pinName.substring(paths.pinPrefix().length());
        for (int dash = rest.indexOf('-'); dash > 0; dash = rest.indexOf('-', dash + 1)) {
            String longer = paths.project() + "-" + rest.substring(0, dash);
            if (Files.isDirectory(paths.runDir().resolveSibling(longer))) {
                return true;
            }
        }
        return false;
    }
}
