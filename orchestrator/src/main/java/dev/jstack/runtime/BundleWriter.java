package dev.jstack.runtime;

import dev.jstack.runtime.ContainerSpec.MountSpec;
import dev.jstack.runtime.ContainerSpec.ProcessSpec;
import dev.jstack.runtime.ContainerSpec.ResourceSpec;
import dev.jstack.runtime.ContainerSpec.Rlimit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Owns the translation of a {@link ContainerSpec} into an OCI bundle's {@code config.json} (runtime-spec
 * 1.0.2): keys in a fixed order, pretty-printed, so that the same spec always gives the same bytes. It adds
 * the {@link Defaults} (mounts, masked and read-only paths, {@code PATH}) and decides nothing else.
 */
public final class BundleWriter {

    /** The OCI runtime-spec version the bundle declares. */
    public static final String OCI_VERSION = "1.0.2";
    /** The bundle's configuration file name, fixed by the runtime-spec. */
    public static final String CONFIG = "config.json";

    private static final List<String> PRIVATE_NAMESPACES = List.of("pid", "mount", "uts", "ipc", "cgroup");

    /** Writes {@code <bundleDir>/config.json} atomically (temp file, then rename) and returns its path. */
    public Path write(ContainerSpec spec) throws RuntimeFailure {
        Path bundle = spec.bundleDir();
        Path config = bundle.resolve(CONFIG);
        try {
            Files.createDirectories(bundle);
            Path temp = Files.createTempFile(bundle, CONFIG, ".tmp");
            try {
                Files.writeString(temp, render(spec), StandardCharsets.UTF_8);
                Files.move(temp, config, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new RuntimeFailure("write " + config + ": " + e.getMessage(), e);
        }
        return config;
    }

    /** The text of config.json for {@code spec}, ending with a newline. */
    public String render(ContainerSpec spec) {
        PrettyJson json = new PrettyJson().object();
        json.field("ociVersion", OCI_VERSION);
        process(json.name("process"), spec.process());
        json.name("root").object().field("path", spec.rootfs().toString()).field("readonly", spec.readOnlyRoot()).end();
        if (spec.hostname() != null) {
            json.field("hostname", spec.hostname());
        }
        mounts(json.name("mounts"), spec);
        json.name("annotations").object();
        spec.annotations().forEach(json::field);
        json.end();
        linux(json.name("linux"), spec);
        return json.end().text() + "\n";
    }

    /**
     * The cgroup path of a container: one directory per hierarchy, named after its id, that runc removes on
     * delete. It sits at the top of each hierarchy because runc removes only the leaf: a shared parent such as
     * /jstack would be left behind in every hierarchy.
     */
    public static String cgroupsPath(String id) {
        return "/jstack-" + id;
    }

    private static void process(PrettyJson json, ProcessSpec process) {
        json.object().field("terminal", false);
        json.name("user").object().field("uid", process.uid()).field("gid", process.gid());
        json.name("additionalGids").array();
        process.additionalGids().forEach(json::value);
        json.end().end();
        strings(json.name("args"), process.args());
        strings(json.name("env"), Defaults.environment(process.env()));
        json.field("cwd", process.cwd());
        json.name("capabilities").object();
        for (String set : List.of("bounding", "effective", "permitted")) {
            strings(json.name(set), process.capabilities());
        }
        json.name("inheritable").array().end();
        json.name("ambient").array().end();
        json.end();
        json.name("rlimits").array();
        for (Rlimit limit : process.rlimits()) {
            json.object().field("type", limit.type()).field("hard", limit.hard()).field("soft", limit.soft()).end();
        }
        json.end();
        json.field("noNewPrivileges", process.noNewPrivileges());
        json.end();
    }

    private static void mounts(PrettyJson json, ContainerSpec spec) {
        json.array();
        for (MountSpec mount : effectiveMounts(spec.mounts(), spec.privileged())) {
            json.object().field("destination", mount.destination()).field("type", mount.type())
                    .field("source", mount.source());
            strings(json.name("options"), mount.options());
            json.end();
        }
        json.end();
    }

    /**
     * The defaults first, less those the spec's mounts cover (same destination, or below a spec mount, as
     * Docker drops the /dev defaults under a user's /dev); then the spec's mounts, parents before children.
     */
    private static List<MountSpec> effectiveMounts(List<MountSpec> specMounts, boolean privileged) {
        List<MountSpec> result = new ArrayList<>();
        for (MountSpec candidate : Defaults.mounts(privileged)) {
            boolean covered = specMounts.stream().anyMatch(m -> covers(m.destination(), candidate.destination()));
            if (!covered) {
                result.add(candidate);
            }
        }
        List<MountSpec> ordered = new ArrayList<>(specMounts);
        ordered.sort(Comparator.comparingInt(m -> depth(m.destination())));
        result.addAll(ordered);
        return result;
    }

    /** True when {@code path} is {@code parent} or lies below it, compared by whole path components. */
    private static boolean covers(String parent, String path) {
        return Path.of(path).normalize().startsWith(Path.of(parent).normalize());
    }

    private static int depth(String path) {
        return Path.of(path).normalize().getNameCount();
    }

    private static void linux(PrettyJson json, ContainerSpec spec) {
        json.object().field("cgroupsPath", cgroupsPath(spec.id()));
        resources(json.name("resources"), spec.resources(), spec.privileged());
        json.name("namespaces").array();
        PRIVATE_NAMESPACES.forEach(type -> json.object().field("type", type).end());
        if (spec.netns() != null) {
            json.object().field("type", "network").field("path", spec.netns().toString()).end();
        }
        json.end();
        strings(json.name("maskedPaths"), Defaults.maskedPaths(spec.privileged()));
        strings(json.name("readonlyPaths"), Defaults.readonlyPaths(spec.privileged()));
        json.end();
    }

    /**
     * Limits, and the device rule: deny everything (runc then allows its standard devices, as for Docker's
     * default), or allow everything for a privileged container.
     */
    private static void resources(PrettyJson json, ResourceSpec resources, boolean privileged) {
        json.object();
        json.name("devices").array().object().field("allow", privileged).field("access", "rwm").end().end();
        if (resources.memoryBytes() != null) {
            json.name("memory").object().field("limit", resources.memoryBytes()).end();
        }
        if (resources.cpuQuota() != null || resources.cpuPeriod() != null) {
            json.name("cpu").object();
            if (resources.cpuQuota() != null) {
                json.field("quota", resources.cpuQuota());
            }
            if (resources.cpuPeriod() != null) {
                json.field("period", resources.cpuPeriod());
            }
            json.end();
        }
        if (resources.pidsLimit() != null) {
            json.name("pids").object().field("limit", resources.pidsLimit()).end();
        }
        json.end();
    }

    private static void strings(PrettyJson json, List<String> values) {
        json.array();
        values.forEach(json::value);
        json.end();
    }
}
