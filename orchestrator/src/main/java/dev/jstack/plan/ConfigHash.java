package dev.jstack.plan;

import dev.jstack.spec.Service;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Owns the one function that says whether a container still matches its service: sha256 over a canonical
 * rendering of each part of the resolved configuration (one per key of the file, or per small group of keys
 * such as {@code dns}, {@code dns_search}, {@code dns_opt} and {@code extra_hosts}), and over those part hashes
 * together. Environment files are already folded into {@code environment}, and a stored image is pinned to its
 * id by then, so both count. Planning and
 * recording both call {@link #of}, so a second {@code up} of the same file plans nothing. The network part
 * holds the resolved namespace, so {@code service:b} and {@code service:a} into the same pin hash alike.
 */
public record ConfigHash(String value, SortedMap<String, String> parts) {

    public static ConfigHash of(Service service, Netns netns) {
        SortedMap<String, String> parts = new TreeMap<>();
        Service.Process p = service.process();
        Service.Network n = service.network();
        Service.Lifecycle l = service.lifecycle();
        Service.Security s = service.security();
        Service.Resources r = service.resources();
        put(parts, "rootfs", service.rootfs());
        if (p != null) {
            put(parts, "entrypoint", p.entrypoint());
            put(parts, "command", p.command());
            put(parts, "environment", p.environment());
            put(parts, "working_dir", p.workingDir());
            put(parts, "user", p.user());
            put(parts, "init", p.init());
        }
        put(parts, "network_mode", netns);
        if (n != null) {
            put(parts, "hostname", Arrays.asList(n.hostname(), n.domainname()));
            put(parts, "dns", Arrays.asList(n.dns(), n.dnsSearch(), n.dnsOpt(), n.extraHosts()));
            put(parts, "ports", Arrays.asList(n.ports(), n.expose()));
        }
        if (l != null) {
            put(parts, "restart", l.restart());
            put(parts, "healthcheck", l.healthcheck());
            put(parts, "stop_signal", Arrays.asList(l.stopSignal(), l.stopGracePeriod()));
        }
        if (s != null) {
            put(parts, "privileges", Arrays.asList(s.readOnly(), s.privileged(), s.capAdd(), s.capDrop()));
        }
        if (r != null) {
            put(parts, "limits", Arrays.asList(r.memLimit(), r.cpus(), r.pidsLimit(), r.ulimits()));
        }
        put(parts, "volumes", service.volumes());
        put(parts, "labels", service.labels());
        StringBuilder all = new StringBuilder();
        parts.forEach((k, v) -> all.append(k).append('=').append(v).append('\n'));
        return new ConfigHash(digest(all.toString()), parts);
    }

    // Every part is named as the file's key (or group of keys) a user would change, so a plan can say which.
    private static void put(SortedMap<String, String> parts, String key, Object value) {
        parts.put(key, digest(String.valueOf(value)));
    }

    /** The names of the parts whose hashes differ from {@code recorded}, sorted; all of them if none recorded. */
    public List<String> changedParts(Map<String, String> recorded) {
        List<String> changed = new ArrayList<>();
        parts.forEach((k, v) -> {
            if (recorded == null || !v.equals(recorded.get(k))) {
                changed.add(k);
            }
        });
        return changed;
    }

    private static String digest(String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
