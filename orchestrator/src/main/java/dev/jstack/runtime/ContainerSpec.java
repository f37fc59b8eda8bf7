package dev.jstack.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;

/**
 * Everything the OCI bundle of one container says, already decided: the bundle writer only turns it into
 * config.json. {@code netns} null means the host's network namespace (no network entry); otherwise the
 * path the container joins (a jstack pin, or a user's {@code ns:PATH}). PID, mount, UTS, IPC and cgroup
 * namespaces are always new. {@code hostname} null keeps the UTS namespace's default.
 */
public record ContainerSpec(
        String id,
        Path bundleDir,
        Path rootfs,
        boolean readOnlyRoot,
        ProcessSpec process,
        String hostname,
        Path netns,
        List<MountSpec> mounts,
        ResourceSpec resources,
        boolean privileged,
        SortedMap<String, String> annotations) {

    /** The container's init process. {@code capabilities} is the final set (bounding = effective = permitted). */
    public record ProcessSpec(List<String> args, List<String> env, String cwd, int uid, int gid,
                              List<Integer> additionalGids, List<String> capabilities, boolean noNewPrivileges,
                              List<Rlimit> rlimits) {
    }

    /** One OCI mount: destination inside the container, type ("bind", "tmpfs", ...), source, options. */
    public record MountSpec(String destination, String type, String source, List<String> options) {
    }

    /** An OCI rlimit, e.g. RLIMIT_NOFILE. */
    public record Rlimit(String type, long soft, long hard) {
    }

    /** Limits; null where not set. cpuQuota/cpuPeriod in microseconds. */
    public record ResourceSpec(Long memoryBytes, Long cpuQuota, Long cpuPeriod, Long pidsLimit) {
        public static final ResourceSpec NONE = new ResourceSpec(null, null, null, null);
    }
}
