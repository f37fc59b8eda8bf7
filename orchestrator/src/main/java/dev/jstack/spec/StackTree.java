package dev.jstack.spec;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link Stack} into plain maps and lists in the long form a stack file accepts, keys in a fixed order,
 * unset values left out. Strings are written with {@code $} doubled, because loading interpolates them again.
 */
final class StackTree {

    private StackTree() {
    }

    static Map<String, Object> of(Stack stack) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", stack.name());
        Map<String, Object> services = new LinkedHashMap<>();
        stack.services().forEach((name, s) -> services.put(name, service(s)));
        root.put("services", services);
        if (!stack.volumes().isEmpty()) {
            Map<String, Object> volumes = new LinkedHashMap<>();
            stack.volumes().forEach((name, v) -> volumes.put(name, volume(v)));
            root.put("volumes", volumes);
        }
        stack.extensions().forEach((k, v) -> root.put(k, escape(v)));
        return root;
    }

    private static Map<String, Object> service(Service s) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (s.rootfs() instanceof Rootfs.Image image) {
            put(m, "image", escape(image.reference()));
        } else if (s.rootfs() != null) {
            put(m, "rootfs", escape(s.rootfs().toString()));
        }
        process(m, s.process());
        network(m, s.network());
        lifecycle(m, s.lifecycle());
        security(m, s.security());
        resources(m, s.resources());
        put(m, "volumes", s.volumes().stream().map(StackTree::mount).toList());
        put(m, "labels", escape(s.labels()));
        put(m, "profiles", s.profiles());
        s.extensions().forEach((k, v) -> m.put(k, escape(v)));
        return m;
    }

    private static void process(Map<String, Object> m, Service.Process p) {
        if (p == null) return;
        if (p.entrypoint() != null) m.put("entrypoint", escape(p.entrypoint()));
        if (p.command() != null) m.put("command", escape(p.command()));
        put(m, "environment", escape(p.environment()));
        put(m, "working_dir", escape(p.workingDir()));
        put(m, "user", escape(p.user()));
        if (p.init()) m.put("init", true);
    }

    private static void network(Map<String, Object> m, Service.Network n) {
        if (n == null) return;
        if (n.mode() != null) m.put("network_mode", escape(n.mode().toString()));
        put(m, "hostname", escape(n.hostname()));
        put(m, "domainname", escape(n.domainname()));
        put(m, "dns", escape(n.dns()));
        put(m, "dns_search", escape(n.dnsSearch()));
        put(m, "dns_opt", escape(n.dnsOpt()));
        put(m, "extra_hosts", escape(n.extraHosts()));
        put(m, "ports", escape(n.ports()));
        put(m, "expose", escape(n.expose()));
    }

    private static void lifecycle(Map<String, Object> m, Service.Lifecycle l) {
        if (l == null) return;
        Map<String, Object> dependsOn = new LinkedHashMap<>();
        l.dependsOn().forEach((name, d) -> dependsOn.put(name, dependency(d)));
        put(m, "depends_on", dependsOn);
        if (l.restart() != null) m.put("restart", l.restart().toString());
        if (l.healthcheck() != null) m.put("healthcheck", healthcheck(l.healthcheck()));
        put(m, "stop_signal", escape(l.stopSignal()));
        if (l.stopGracePeriod() != null) m.put("stop_grace_period", duration(l.stopGracePeriod()));
    }

    private static void security(Map<String, Object> m, Service.Security s) {
        if (s == null) return;
        if (s.readOnly()) m.put("read_only", true);
        if (s.privileged()) m.put("privileged", true);
        put(m, "cap_add", s.capAdd());
        put(m, "cap_drop", s.capDrop());
    }

    private static void resources(Map<String, Object> m, Service.Resources r) {
        if (r == null) return;
        put(m, "mem_limit", r.memLimit());
        put(m, "cpus", r.cpus());
        put(m, "pids_limit", r.pidsLimit());
        Map<String, Object> ulimits = new LinkedHashMap<>();
        r.ulimits().forEach((name, u) -> ulimits.put(name, entries("soft", u.soft(), "hard", u.hard())));
        put(m, "ulimits", ulimits);
    }

    private static Map<String, Object> dependency(Dependency d) {
        return entries("condition", d.condition().yamlName(), "restart", d.restart(), "required", d.required());
    }

    private static Map<String, Object> healthcheck(Healthcheck h) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "test", escape(h.test()));
        put(m, "interval", duration(h.interval()));
        put(m, "timeout", duration(h.timeout()));
        m.put("retries", h.retries());
        put(m, "start_period", duration(h.startPeriod()));
        put(m, "start_interval", duration(h.startInterval()));
        if (h.disable()) m.put("disable", true);
        return m;
    }

    private static Map<String, Object> mount(Mount v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", v.type().yamlName());
        put(m, "source", escape(v.source()));
        m.put("target", escape(v.target()));
        m.put("read_only", v.readOnly());
        if (v.type() == Mount.Type.BIND) m.put("bind", entries("create_host_path", v.createHostPath()));
        if (v.type() == Mount.Type.TMPFS && (v.tmpfsSize() > 0 || v.tmpfsMode() >= 0)) {
            Map<String, Object> tmpfs = new LinkedHashMap<>();
            if (v.tmpfsSize() > 0) tmpfs.put("size", v.tmpfsSize());
            // Modes are read as octal text, as chmod reads them.
            if (v.tmpfsMode() >= 0) tmpfs.put("mode", String.format("%04o", v.tmpfsMode()));
            m.put("tmpfs", tmpfs);
        }
        return m;
    }

    private static Map<String, Object> volume(VolumeDef v) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "labels", escape(v.labels()));
        return m;
    }

    /** A map of the given keys and values, in that order. */
    /** A duration in the form stack files use: {@code 1m30s}, {@code 1s500ms}, {@code 0s}; null stays null. */
    static String duration(Duration d) {
        if (d == null) return null;
        if (d.isZero()) return "0s";
        StringBuilder sb = new StringBuilder();
        append(sb, d.toHours(), "h");
        append(sb, d.toMinutesPart(), "m");
        append(sb, d.toSecondsPart(), "s");
        append(sb, d.toMillisPart(), "ms");
        append(sb, d.toNanosPart() / 1_000 % 1_000, "us");
        append(sb, d.toNanosPart() % 1_000, "ns");
        return sb.toString();
    }

    private static void append(StringBuilder sb, long amount, String unit) {
        if (amount != 0) sb.append(amount).append(unit);
    }

    private static Map<String, Object> entries(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return m;
    }

    // Empty collections and nulls are what the loader makes of an absent key, so they are left out.
    private static void put(Map<String, Object> m, String key, Object value) {
        if (value == null) return;
        if (value instanceof Map<?, ?> map && map.isEmpty()) return;
        if (value instanceof List<?> list && list.isEmpty()) return;
        m.put(key, value);
    }

    /** Doubles every {@code $} in strings, also inside lists and maps. */
    @SuppressWarnings("unchecked")
    static <T> T escape(T value) {
        if (value instanceof String s) return (T) s.replace("$", "$$");
        if (value instanceof List<?> list) return (T) list.stream().map(StackTree::escape).toList();
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, escape(v)));
            return (T) copy;
        }
        return value;
    }
}
