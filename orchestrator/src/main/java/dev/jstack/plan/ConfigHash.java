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
 * rendering of each part of the resolved configuration, and over those part hashes together. Planning and
 * recording both call {@link #of}, so a second {@code up} of the same file plans nothing. The network part
 * holds the resolved namespace, so {@code service:b} and {@code service:a} into the same pin hash alike.
 */
public record ConfigHash(String value, SortedMap<String, String> parts) {

    public static ConfigHash of(Service service, Netns netns) {
        SortedMap<String, String> parts = new TreeMap<>();
        Service.Network n = service.network();
        Service.Lifecycle l = service.lifecycle();
        parts.put("rootfs", digest(String.valueOf(service.rootfs())));
        parts.put("process", digest(String.valueOf(service.process())));
        parts.put("network", digest(netns + "|" + (n == null ? "" : Arrays.asList(n.hostname(), n.domainname(),
                n.dns(), n.dnsSearch(), n.dnsOpt(), n.extraHosts(), n.ports(), n.expose()))));
        parts.put("lifecycle", digest(l == null ? "" : Arrays.asList(String.valueOf(l.restart()),
                String.valueOf(l.healthcheck()), String.valueOf(l.stopSignal()),
                String.valueOf(l.stopGracePeriod())).toString()));
        parts.put("security", digest(String.valueOf(service.security())));
        parts.put("resources", digest(String.valueOf(service.resources())));
        parts.put("volumes", digest(String.valueOf(service.volumes())));
        parts.put("labels", digest(String.valueOf(service.labels())));
        StringBuilder all = new StringBuilder();
        parts.forEach((k, v) -> all.append(k).append('=').append(v).append('\n'));
        return new ConfigHash(digest(all.toString()), parts);
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
