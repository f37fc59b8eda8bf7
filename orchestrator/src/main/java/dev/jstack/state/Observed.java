package dev.jstack.state;

import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Owns one observation of a project, taken once per command: the containers the runtime knows (by id), the
 * pins present under /run/netns that are network namespaces (by owner service), and jstack's records of what
 * it made (containers by service, pins by owner). The kernel and the runtime are the truth; records only say
 * what jstack made and from which configuration.
 */
public record Observed(SortedMap<String, ObservedContainer> containers, SortedMap<String, String> pins,
                       SortedMap<String, ContainerRecord> records, SortedMap<String, PinRecord> pinRecords) {

    public Observed {
        containers = Collections.unmodifiableSortedMap(new TreeMap<>(containers));
        pins = Collections.unmodifiableSortedMap(new TreeMap<>(pins));
        records = Collections.unmodifiableSortedMap(new TreeMap<>(records));
        pinRecords = Collections.unmodifiableSortedMap(new TreeMap<>(pinRecords));
    }

    /** A project of which nothing exists. */
    public static Observed empty() {
        return new Observed(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
    }

    public Optional<ObservedContainer> container(String id) {
        return Optional.ofNullable(containers.get(id));
    }

    public Optional<ContainerRecord> record(String service) {
        return Optional.ofNullable(records.get(service));
    }

    public boolean hasPin(String owner) {
        return pins.containsKey(owner);
    }

    /** True when nothing of the project exists: no container, pin or record. */
    public boolean isEmpty() {
        return containers.isEmpty() && pins.isEmpty() && records.isEmpty() && pinRecords.isEmpty();
    }
}
