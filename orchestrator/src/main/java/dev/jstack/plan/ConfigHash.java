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
        Parts parts = new Parts(sha256());
        Service.Process p = service.process();
        Service.Network n = service.network();
        Service.Lifecycle l = service.lifecycle();
        Service.Security s = service.security();
        Service.Resources r = service.resources();
        parts.put("rootfs", service.rootfs());
        if (p != null) {
            parts.put("entrypoint", p.entrypoint());
            parts.put("command", p.command());
            parts.put("environment", p.environment());
            parts.put("working_dir", p.workingDir());
            parts.put("user", p.user());
            parts.put("init", p.init());
        }
        parts.put("network_mode", netns);
        if (n != null) {
            parts.put("hostname", Arrays.asList(n.hostname(), n.domainname()));
            parts.put("dns", Arrays.asList(n.dns(), n.dnsSearch(), n.dnsOpt(), n.extraHosts()));
            parts.put("ports", Arrays.asList(n.ports(), n.expose()));
        }
        if (l != null) {
            parts.put("restart", l.restart());
            parts.put("healthcheck", l.healthcheck());
            parts.put("stop_signal", Arrays.asList(l.stopSignal(), l.stopGracePeriod()));
        }
        if (s != null) {
            parts.put("privileges", Arrays.asList(s.readOnly(), s.privileged(), s.capAdd(), s.capDrop()));
        }
        if (r != null) {
            parts.put("limits", Arrays.asList(r.memLimit(), r.cpus(), r.pidsLimit(), r.ulimits()));
        }
        parts.put("volumes", service.volumes());
        parts.put("labels", service.labels());
        StringBuilder all = new StringBuilder();
        parts.hashes.forEach((k, v) -> all.append(k).append('=').append(v).append('\n'));
        return new ConfigHash(digest(parts.sha, all.toString()), parts.hashes);
    }

    /** The part hashes of one service, all made with one digest rather than one looked up per part. */
    private record Parts(MessageDigest sha, SortedMap<String, String> hashes) {
        Parts(MessageDigest sha) {
            this(sha, new TreeMap<>());
        }

        // Every part is named as the file's key (or group of keys) a user would change, so a plan can say which.
        void put(String key, Object value) {
            hashes.put(key, digest(sha, String.valueOf(value)));
        }
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

    // digest() resets the digest, so one serves every part in turn.
    private static String digest(MessageDigest sha, String text) {
        return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /*
     * A copy of one digest looked up once: a lookup per service asked the security providers each time, and from the
     * sixteenth call on the JDK generated a constructor accessor class for SHA-256 (together about 8 ms of plan's
     * 40 ms at 100 services).
     */
    private static MessageDigest sha256() {
        try {
            return (MessageDigest) Sha256.PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return Sha256.lookUp();
        }
    }

    /** The prototype digest, made when the first hash is taken. */
    private static final class Sha256 {
        static final MessageDigest PROTOTYPE = lookUp();

        static MessageDigest lookUp() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
            }
        }
    }
}
