package dev.jstack.runtime;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final List<String> PRIVATE_NAMESPACES = List.of("pid", "mount", "uts", "ipc", "cgroup");

    // Built on first use: a command that only reads (plan, ps) makes a RuncRuntime, and so a writer, but never a
    // bundle, and the first ObjectMapper of a process costs it tens of milliseconds.
    private static final class Writer {
        static final ObjectWriter WRITER = new ObjectMapper().writer(printer());
    }

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
        ObjectNode root = JSON.objectNode();
        root.put("ociVersion", OCI_VERSION);
        root.set("process", process(spec.process()));
        ObjectNode fs = root.putObject("root");
        fs.put("path", spec.rootfs().toString());
        fs.put("readonly", spec.readOnlyRoot());
        if (spec.hostname() != null) {
            root.put("hostname", spec.hostname());
        }
        root.set("mounts", mounts(spec));
        ObjectNode annotations = root.putObject("annotations");
        spec.annotations().forEach(annotations::put);
        root.set("linux", linux(spec));
        try {
            return Writer.WRITER.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /**
     * The cgroup path of a container: one directory per hierarchy, named after its id, that runc removes on
     * delete. It sits at the top of each hierarchy because runc removes only the leaf: a shared parent such as
     * /jstack would be left behind in every hierarchy.
     */
    public static String cgroupsPath(String id) {
        return "/jstack-" + id;
    }

    private static ObjectNode process(ProcessSpec process) {
        ObjectNode node = JSON.objectNode();
        node.put("terminal", false);
        ObjectNode user = node.putObject("user");
        user.put("uid", process.uid());
        user.put("gid", process.gid());
        ArrayNode gids = user.putArray("additionalGids");
        process.additionalGids().forEach(gids::add);
        strings(node.putArray("args"), process.args());
        strings(node.putArray("env"), Defaults.environment(process.env()));
        node.put("cwd", process.cwd());
        ObjectNode caps = node.putObject("capabilities");
        for (String set : List.of("bounding", "effective", "permitted")) {
            strings(caps.putArray(set), process.capabilities());
        }
        caps.putArray("inheritable");
        caps.putArray("ambient");
        ArrayNode rlimits = node.putArray("rlimits");
        for (Rlimit limit : process.rlimits()) {
            rlimits.addObject().put("type", limit.type()).put("hard", limit.hard()).put("soft", limit.soft());
        }
        node.put("noNewPrivileges", process.noNewPrivileges());
        return node;
    }

    private static ArrayNode mounts(ContainerSpec spec) {
        ArrayNode node = JSON.arrayNode();
        for (MountSpec mount : effectiveMounts(spec.mounts(), spec.privileged())) {
            ObjectNode m = node.addObject();
            m.put("destination", mount.destination());
            m.put("type", mount.type());
            m.put("source", mount.source());
            strings(m.putArray("options"), mount.options());
        }
        return node;
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

    private static ObjectNode linux(ContainerSpec spec) {
        ObjectNode node = JSON.objectNode();
        node.put("cgroupsPath", cgroupsPath(spec.id()));
        node.set("resources", resources(spec.resources(), spec.privileged()));
        ArrayNode namespaces = node.putArray("namespaces");
        PRIVATE_NAMESPACES.forEach(type -> namespaces.addObject().put("type", type));
        if (spec.netns() != null) {
            namespaces.addObject().put("type", "network").put("path", spec.netns().toString());
        }
        strings(node.putArray("maskedPaths"), Defaults.maskedPaths(spec.privileged()));
        strings(node.putArray("readonlyPaths"), Defaults.readonlyPaths(spec.privileged()));
        return node;
    }

    /**
     * Limits, and the device rule: deny everything (runc then allows its standard devices, as for Docker's
     * default), or allow everything for a privileged container.
     */
    private static ObjectNode resources(ResourceSpec resources, boolean privileged) {
        ObjectNode node = JSON.objectNode();
        node.putArray("devices").addObject().put("allow", privileged).put("access", "rwm");
        if (resources.memoryBytes() != null) {
            node.putObject("memory").put("limit", resources.memoryBytes());
        }
        if (resources.cpuQuota() != null || resources.cpuPeriod() != null) {
            ObjectNode cpu = node.putObject("cpu");
            if (resources.cpuQuota() != null) {
                cpu.put("quota", resources.cpuQuota());
            }
            if (resources.cpuPeriod() != null) {
                cpu.put("period", resources.cpuPeriod());
            }
        }
        if (resources.pidsLimit() != null) {
            node.putObject("pids").put("limit", resources.pidsLimit());
        }
        return node;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static DefaultPrettyPrinter printer() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        return new DefaultPrettyPrinter(separators).withObjectIndenter(indenter).withArrayIndenter(indenter);
    }
}
