package dev.jstack.spec;

import java.util.Set;

/**
 * The keys jstack reads at each place of a stack file, and the Compose keys it knows but does not run yet.
 * {@link #check} reports every other key: a known-but-unsupported one with what to do instead, a misspelt
 * one with the closest known key. Nothing in a stack file is silently ignored.
 */
final class Keys {

    private Keys() {
    }

    static final Set<String> TOP = Set.of("name", "services", "volumes", "version");
    static final Set<String> TOP_UNSUPPORTED = Set.of("networks", "secrets", "configs", "include", "models");

    static final Set<String> SERVICE = Set.of("image", "rootfs", "command", "entrypoint", "environment",
            "env_file", "working_dir", "user", "hostname", "domainname", "network_mode", "depends_on", "restart",
            "healthcheck", "stop_signal", "stop_grace_period", "labels", "volumes", "tmpfs", "read_only", "cap_add",
            "cap_drop", "privileged", "ulimits", "mem_limit", "cpus", "pids_limit", "init", "dns", "dns_search",
            "dns_opt", "extra_hosts", "ports", "expose", "profiles");
    static final Set<String> SERVICE_UNSUPPORTED = Set.of("build", "networks", "secrets", "configs", "deploy",
            "links", "mac_address", "external_links", "ipc", "pid", "devices", "logging", "platform", "pull_policy",
            "scale", "container_name", "extends", "annotations", "attach", "blkio_config", "cgroup",
            "cgroup_parent", "cpu_count", "cpu_percent", "cpu_period", "cpu_quota", "cpu_rt_period",
            "cpu_rt_runtime", "cpu_shares", "cpuset", "credential_spec", "develop", "device_cgroup_rules", "gpus",
            "group_add", "isolation", "label_file", "mem_reservation", "mem_swappiness", "memswap_limit", "models",
            "oom_kill_disable", "oom_score_adj", "post_start", "pre_stop", "provider", "runtime", "security_opt",
            "shm_size", "stdin_open", "storage_opt", "sysctls", "tty", "use_api_socket", "userns_mode", "uts",
            "volumes_from");

    static final Set<String> HEALTHCHECK = Set.of("test", "interval", "timeout", "retries", "start_period",
            "start_interval", "disable");
    static final Set<String> DEPENDENCY = Set.of("condition", "restart", "required");
    static final Set<String> VOLUME = Set.of("type", "source", "target", "read_only", "bind", "tmpfs");
    static final Set<String> VOLUME_UNSUPPORTED = Set.of("volume", "consistency", "image");
    static final Set<String> BIND = Set.of("create_host_path");
    static final Set<String> BIND_UNSUPPORTED = Set.of("propagation", "selinux", "recursive");
    static final Set<String> TMPFS = Set.of("size", "mode");
    static final Set<String> ULIMIT = Set.of("soft", "hard");
    static final Set<String> ENV_FILE = Set.of("path", "required");
    static final Set<String> ENV_FILE_UNSUPPORTED = Set.of("format");
    static final Set<String> PORT = Set.of("target", "published", "host_ip", "protocol", "mode");
    static final Set<String> PORT_UNSUPPORTED = Set.of("name", "app_protocol");
    static final Set<String> NAMED_VOLUME = Set.of("labels");
    static final Set<String> NAMED_VOLUME_UNSUPPORTED = Set.of("driver", "driver_opts", "external", "name");

    /** Where {@code x-*} keys are allowed (top level and services) and what the rest may be. */
    record Place(String path, Set<String> known, Set<String> unsupported, boolean extensions, boolean top) {
    }

    /** Reports every key of {@code map} that is not known at {@code place}. */
    static void check(YNode.Mapping map, Place place, Diagnostics out) {
        for (YNode.Entry e : map.entries().values()) {
            String key = e.key();
            if (place.known().contains(key) || place.extensions() && key.startsWith("x-")) continue;
            if (place.unsupported().contains(key)) {
                String full = place.top() ? key : place.path() + "." + key;
                String fix = place.top() ? Fixes.unsupportedTopKey(key) : Fixes.unsupportedServiceKey(key);
                out.error(e.keyAt(), "`" + full + "`: jstack does not support this Compose key yet", fix);
                continue;
            }
            String fix = KeyHelp.closest(key, place.known()).map(Fixes::didYouMean)
                    .orElse(place.extensions() ? Fixes.REMOVE_OR_EXTENSION : Fixes.REMOVE);
            String where = place.top() ? "at the top level" : "in `" + place.path() + "`";
            out.error(e.keyAt(), "unknown key `" + key + "` " + where, fix);
        }
    }
}
