package dev.jstack.spec;

import java.util.List;
import java.util.SortedMap;

/**
 * One service of a stack, resolved: interpolated, merged across files, long forms, relative paths made
 * absolute against the project directory, {@code env_file} folded into {@code environment}. A value type:
 * positions in the file live in {@link SourceMap}, so two loads of the same meaning are equal.
 */
public record Service(
        String name,
        Rootfs rootfs,
        Process process,
        Network network,
        Lifecycle lifecycle,
        Security security,
        Resources resources,
        List<Mount> volumes,
        SortedMap<String, String> labels,
        List<String> profiles,
        SortedMap<String, Object> extensions) {

    /**
     * What runs. {@code entrypoint}/{@code command} are null when not set (the image's defaults apply);
     * a string form is split into words as Compose does.
     */
    public record Process(List<String> entrypoint, List<String> command, SortedMap<String, String> environment,
                          String workingDir, String user, boolean init) {
    }

    /**
     * The network side. For a {@code service:} joiner everything but {@code mode} is empty: those keys
     * belong to the namespace owner. Ports are kept in Compose's short form, normalized
     * ({@code [IP:][PUBLISHED:]TARGET[/PROTOCOL]}).
     */
    public record Network(NetworkMode mode, String hostname, String domainname, List<String> dns,
                          List<String> dnsSearch, List<String> dnsOpt, List<String> extraHosts,
                          List<String> ports, List<String> expose) {
    }

    /** Order, restarts, health and stopping. {@code healthcheck} is null when none is declared. */
    public record Lifecycle(SortedMap<String, Dependency> dependsOn, RestartPolicy restart, Healthcheck healthcheck,
                            String stopSignal, java.time.Duration stopGracePeriod) {
    }

    /** Privileges: {@code read_only}, {@code privileged}, {@code cap_add}, {@code cap_drop} (sorted, upper case). */
    public record Security(boolean readOnly, boolean privileged, List<String> capAdd, List<String> capDrop) {
    }

    /** Limits; null where not set. {@code memLimit} in bytes. */
    public record Resources(Long memLimit, Double cpus, Long pidsLimit, SortedMap<String, Ulimit> ulimits) {
    }
}
