package dev.jstack.testing;

import dev.jstack.spec.Dependency;
import dev.jstack.spec.Mount;
import dev.jstack.spec.NetworkMode;
import dev.jstack.spec.RestartPolicy;
import dev.jstack.spec.Rootfs;
import dev.jstack.spec.Service;
import dev.jstack.spec.Stack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** Builds small stacks by hand for tests, as the loader would resolve them (rootfs: host, sleep). */
public final class Stacks {
    private final String name;
    private final SortedMap<String, Service> services = new TreeMap<>();

    private Stacks(String name) {
        this.name = name;
    }

    public static Stacks named(String name) {
        return new Stacks(name);
    }

    /** A service in {@code mode} ("host", "none", "service:X", "ns:PATH") that depends on {@code dependsOn}. */
    public Stacks service(String service, String mode, String... dependsOn) {
        services.put(service, service(service, mode, List.of("sleep", "infinity"), List.of(), dependsOn));
        return this;
    }

    public Stacks add(Service service) {
        services.put(service.name(), service);
        return this;
    }

    public Stack build() {
        return new Stack(name, "/srv/" + name, List.of("/srv/" + name + "/stack.yml"), services, new TreeMap<>(),
                new TreeMap<>());
    }

    public static Service service(String name, String mode, List<String> command, List<Mount> volumes,
                                  String... dependsOn) {
        NetworkMode network = mode(mode);
        SortedMap<String, Dependency> deps = new TreeMap<>();
        for (String d : dependsOn) deps.put(d, Dependency.started());
        if (network instanceof NetworkMode.ServiceRef ref) deps.put(ref.service(), Dependency.started());
        return new Service(name, new Rootfs.HostRoot(),
                new Service.Process(null, command, new TreeMap<>(), null, null, false),
                new Service.Network(network, null, null, List.of(), List.of(), List.of(), List.of(), List.of(),
                        List.of()),
                new Service.Lifecycle(deps, RestartPolicy.NO, null, "SIGTERM", Duration.ofSeconds(10)),
                new Service.Security(false, false, List.of(), List.of()),
                new Service.Resources(null, null, null, new TreeMap<>()),
                new ArrayList<>(volumes), new TreeMap<>(), List.of(), new TreeMap<>());
    }

    public static NetworkMode mode(String mode) {
        if (mode.equals("host")) return new NetworkMode.Host();
        if (mode.equals("none")) return new NetworkMode.None();
        if (mode.startsWith("service:")) return new NetworkMode.ServiceRef(mode.substring(8));
        if (mode.startsWith("ns:")) return new NetworkMode.NamespacePath(mode.substring(3));
        throw new IllegalArgumentException(mode);
    }
}
