package dev.jstack.spec;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Builds the model from the merged tree: the top-level keys, the named volumes and every service (active
 * or not: profiles are applied later). It reports what each key holds wrongly and skips only the broken
 * parts, so that the checks across services and the rules can still run.
 */
final class ModelBuilder {

    /** The model before profiles and cross-service checks. {@code modes} holds only correctly written modes. */
    record Draft(String name, Position nameAt, SortedMap<String, Service> services, Map<String, NetworkMode> modes,
                 SortedMap<String, VolumeDef> volumes, SortedMap<String, Object> extensions,
                 YNode.Mapping servicesNode) {
    }

    private ModelBuilder() {
    }

    static Draft build(YNode.Mapping root, Path projectDir, Environment env, LoadOptions options, Diagnostics out) {
        Values v = new Values(out);
        Keys.check(root, new Keys.Place("", Keys.TOP, Keys.TOP_UNSUPPORTED, true, true), out);
        if (root.has("version")) {
            out.warning(root.keyAt("version"), "`version` is obsolete and ignored", Fixes.VERSION);
        }
        String name = v.string(root.get("name"), "name");
        SortedMap<String, VolumeDef> volumes = volumes(root.get("volumes"), v);
        BuildContext ctx = new BuildContext(v, projectDir, env, Set.copyOf(volumes.keySet()), options);
        SortedMap<String, Service> services = new TreeMap<>();
        Map<String, NetworkMode> modes = new TreeMap<>();
        YNode.Mapping servicesNode = servicesNode(root, v);
        ServiceReader reader = new ServiceReader(ctx);
        for (YNode.Entry e : servicesNode.entries().values()) {
            ServiceReader.Result r = reader.read(e);
            services.put(e.key(), r.service());
            if (r.declaredMode() != null) modes.put(e.key(), r.declaredMode());
        }
        Position nameAt = root.has("name") ? root.get("name").at() : root.at();
        return new Draft(name, nameAt, services, modes, volumes, ServiceReader.extensions(root),
                servicesNode);
    }

    private static YNode.Mapping servicesNode(YNode.Mapping root, Values v) {
        YNode node = root.get("services");
        YNode.Mapping services = v.mapping(node, "services", root.at());
        if (services == null) return YNode.emptyMapping(root.at());
        if (services.entries().isEmpty()) {
            Position at = node == null ? new Position(root.at().file(), 1, 1) : root.keyAt("services");
            v.error(at, node == null ? "the stack has no `services`" : "`services` is empty", Fixes.NO_SERVICES);
        }
        return services;
    }

    private static SortedMap<String, VolumeDef> volumes(YNode node, Values v) {
        SortedMap<String, VolumeDef> result = new TreeMap<>();
        YNode.Mapping m = v.mapping(node, "volumes", null);
        if (m == null) return result;
        for (YNode.Entry e : m.entries().values()) {
            String path = "volumes." + e.key();
            if (!ServiceReader.NAME.matcher(e.key()).matches()) {
                v.error(e.keyAt(), "`" + e.key() + "` is not a valid volume name", Fixes.SERVICE_NAME);
            }
            YNode.Mapping def = v.mapping(e.value(), path, e.keyAt());
            if (def == null) continue;
            Keys.check(def, new Keys.Place(path, Keys.NAMED_VOLUME, Keys.NAMED_VOLUME_UNSUPPORTED, false, false),
                    v.out());
            SortedMap<String, String> labels = new TreeMap<>();
            YNode labelNode = def.get("labels");
            if (labelNode instanceof YNode.Sequence) {
                v.error(labelNode, "`" + path + ".labels` must be a mapping, found a list", Fixes.write("a mapping"));
            } else {
                v.stringMap(labelNode, path + ".labels").forEach((k, val) -> labels.put(k, val == null ? "" : val));
            }
            result.put(e.key(), new VolumeDef(e.key(), labels));
        }
        return result;
    }
}
