package dev.jstack.testing;

import dev.jstack.spec.Dependency;
import dev.jstack.spec.NetworkMode;
import dev.jstack.spec.RestartPolicy;
import dev.jstack.spec.Rootfs;
import dev.jstack.spec.Service;
import dev.jstack.spec.Stack;
import java.time.Duration;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** Builds small stacks by hand for tests, with the defaults a loaded stack has where a test does not care. */
public final class TestStacks {

    private final String name;
    private final SortedMap<String, Service> services = new TreeMap<>();

    private TestStacks(String name) {
        this.name = name;
    }

    public static TestStacks stack(String name) {
        return new TestStacks(name);
    }

    /** Adds a service with the given mode ("host", "none", "service:X", "ns:PATH") that depends on {@code deps}. */
    public TestStacks service(String service, String mode, String... deps) {
        SortedMap<String, Dependency> dependsOn = new TreeMap<>();
        for (String d : deps) dependsOn.put(d, Dependency.started());
        services.put(service, service(service, mode(mode), dependsOn));
        return this;
    }

    public Stack build() {
        return new Stack(name, "/srv/" + name, List.of("/srv/" + name + "/stack.yml"), services,
                new TreeMap<>(), new TreeMap<>());
    }

    public static NetworkMode mode(String text) {
        if (text.equals("host")) return new NetworkMode.Host();
        if (text.equals("none")) return new NetworkMode.None();
        if (text.startsWith("service:")) return new NetworkMode.ServiceRef(text.substring("service:".length()));
        if (text.startsWith("ns:")) return new NetworkMode.NamespacePath(text.substring("ns:".length()));
        throw new IllegalArgumentException(text);
    }

    /** A service with empty collections and Docker's defaults, as the loader leaves an unset service. */
    public static Service service(String name, NetworkMode mode, SortedMap<String, Dependency> dependsOn) {
        return new Service(name, new Rootfs.HostRoot(),
                new Service.Process(null, List.of("sleep", "infinity"), new TreeMap<>(), null, null, false),
                new Service.Network(mode, null, null, List.of(), List.of(), List.of(), List.of(),
                        List.of(), List.of()),
                new Service.Lifecycle(dependsOn, RestartPolicy.NO, null, null, Duration.ofSeconds(10)),
                new Service.Security(false, false, List.of(), List.of()),
                new Service.Resources(null, null, null, new TreeMap<>()),
                List.of(), new TreeMap<>(), List.of(), new TreeMap<>());
    }
}
