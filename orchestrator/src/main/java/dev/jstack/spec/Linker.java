package dev.jstack.spec;

import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns the checked draft into the services of the {@link Stack}: only the active ones; a
 * {@code network_mode: service:X} adds a dependency on X (condition service_started) unless {@code depends_on}
 * names X itself, whose long form then wins; references that {@link Validator} refused (undefined, inactive,
 * the service itself) are left out, and such a broken {@code service:} mode stands as {@code none}, so that
 * the rules see only edges between real services and report nothing twice.
 */
final class Linker {

    private Linker() {
    }

    static SortedMap<String, Service> link(ModelBuilder.Draft draft, Set<String> active) {
        SortedMap<String, Service> result = new TreeMap<>();
        for (Service s : draft.services().values()) {
            if (active.contains(s.name())) result.put(s.name(), link(s, active));
        }
        return result;
    }

    private static Service link(Service s, Set<String> active) {
        NetworkMode mode = s.network().mode();
        if (mode instanceof NetworkMode.ServiceRef ref && !usable(s.name(), ref.service(), active)) {
            mode = new NetworkMode.None();
        }
        SortedMap<String, Dependency> deps = new TreeMap<>();
        s.lifecycle().dependsOn().forEach((target, d) -> {
            if (usable(s.name(), target, active)) deps.put(target, d);
        });
        if (mode instanceof NetworkMode.ServiceRef ref) deps.putIfAbsent(ref.service(), Dependency.started());
        Service.Network n = s.network();
        Service.Network network = new Service.Network(mode, n.hostname(), n.domainname(), n.dns(), n.dnsSearch(),
                n.dnsOpt(), n.extraHosts(), n.ports(), n.expose());
        Service.Lifecycle l = s.lifecycle();
        Service.Lifecycle lifecycle = new Service.Lifecycle(deps, l.restart(), l.healthcheck(), l.stopSignal(),
                l.stopGracePeriod());
        return new Service(s.name(), s.rootfs(), s.process(), network, lifecycle, s.security(), s.resources(),
                s.volumes(), s.labels(), s.profiles(), s.extensions());
    }

    private static boolean usable(String from, String target, Set<String> active) {
        return !from.equals(target) && active.contains(target);
    }
}
