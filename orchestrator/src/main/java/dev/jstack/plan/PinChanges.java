package dev.jstack.plan;

import dev.jstack.spec.Service;
import dev.jstack.state.ContainerRecord;
import dev.jstack.state.Observed;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Owns which pins one observation must replace: pins that vanished while their owner still wants one (made
 * again), and stale pins whose owner left mode {@code none} or the file (removed). A container recorded in a
 * replaced pin is replaced with it, with a cause that names why ("pin replaced: owner a now host").
 */
final class PinChanges {
    private final Planner planner;
    private final Observed observed;
    private final SortedSet<String> vanished = new TreeSet<>();
    private final SortedMap<String, String> stale = new TreeMap<>();

    PinChanges(Planner planner, Observed observed, Iterable<String> targets) {
        this.planner = planner;
        this.observed = observed;
        for (String owner : pinOwners(targets)) {
            if (!observed.hasPin(owner)) {
                vanished.add(owner);
            }
        }
        SortedSet<String> wanted = pinOwners(planner.stack().services().keySet());
        SortedSet<String> present = new TreeSet<>(observed.pins().keySet());
        present.addAll(observed.pinRecords().keySet());
        for (String owner : present) {
            if (!wanted.contains(owner)) {
                Service now = planner.stack().services().get(owner);
                stale.put(owner, now == null ? "owner " + owner + " removed"
                        : "owner " + owner + " now " + now.network().mode());
            }
        }
    }

    /** Owners whose pin is to be made: missing now, for a service that needs it. */
    SortedSet<String> toCreate() {
        return vanished;
    }

    /** Owners whose pin no service wants any more, with the reason. */
    SortedMap<String, String> stale() {
        return stale;
    }

    /** Why the container of {@code service} must leave its namespace with the pin, or empty. */
    Optional<String> replacedUnder(String service, Optional<ContainerRecord> record) {
        if (planner.netns(service) instanceof Netns.Pin pin && vanished.contains(pin.owner())
                && (observed.pins().containsKey(pin.owner()) || observed.pinRecords().containsKey(pin.owner()))) {
            return Optional.of("pin replaced: " + planner.paths().pinName(pin.owner()) + " vanished");
        }
        if (record.isEmpty() || record.get().netns() == null) {
            return Optional.empty();
        }
        return stale.keySet().stream().filter(o -> planner.paths().pin(o).toString().equals(record.get().netns()))
                .findFirst().map(o -> "pin replaced: " + stale.get(o));
    }

    /** Owners of pins among {@code services}: the roots in mode none. */
    SortedSet<String> pinOwners(Iterable<String> services) {
        SortedSet<String> owners = new TreeSet<>();
        for (String s : services) {
            if (planner.netns(s) instanceof Netns.Pin pin) {
                owners.add(pin.owner());
            }
        }
        return owners;
    }
}
