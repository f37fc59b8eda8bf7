package dev.jstack.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a service's network side: {@code network_mode} parsed into a {@link NetworkMode}, and for services
 * that own their namespace the keys that belong to it ({@code hostname}, {@code dns*}, {@code extra_hosts},
 * {@code ports}, {@code expose}, ...). A {@code service:} joiner gets only its mode: {@link Validator} reports
 * any of those keys it sets, naming the owner.
 */
final class NetworkReader {

    /** The network of a service, and its mode when it was written correctly (else null). */
    record Result(Service.Network network, NetworkMode declared) {
    }

    private final BuildContext ctx;
    private final Values v;

    NetworkReader(BuildContext ctx) {
        this.ctx = ctx;
        this.v = ctx.values();
    }

    Result read(String name, YNode.Mapping svc, Position serviceAt, String path) {
        NetworkMode mode = mode(name, svc, serviceAt, path);
        NetworkMode modelMode = mode == null ? new NetworkMode.None() : mode;
        if (mode instanceof NetworkMode.ServiceRef) {
            return new Result(new Service.Network(mode, null, null, List.of(), List.of(), List.of(), List.of(),
                    List.of(), List.of()), mode);
        }
        Service.Network network = new Service.Network(modelMode,
                v.string(svc.get("hostname"), path + ".hostname"),
                v.string(svc.get("domainname"), path + ".domainname"),
                v.strings(svc.get("dns"), path + ".dns"),
                v.strings(svc.get("dns_search"), path + ".dns_search"),
                v.list(svc.get("dns_opt"), path + ".dns_opt", YNode.Scalar::text),
                extraHosts(svc.get("extra_hosts"), path + ".extra_hosts"),
                ports(svc.get("ports"), path + ".ports"),
                v.list(svc.get("expose"), path + ".expose", s -> port(s, path + ".expose", Ports::expose,
                        Fixes.EXPOSE)));
        return new Result(network, mode);
    }

    private NetworkMode mode(String name, YNode.Mapping svc, Position serviceAt, String path) {
        YNode node = svc.get("network_mode");
        if (node == null || node instanceof YNode.Scalar s && s.isNull()) {
            ctx.out().error(serviceAt, "service `" + name + "` has no `network_mode`", Fixes.NETWORK_MODE_MISSING);
            return null;
        }
        String text = v.string(node, path + ".network_mode");
        if (text == null) return null;
        String where = "`" + path + ".network_mode`";
        if (text.equals("host")) return new NetworkMode.Host();
        if (text.equals("none")) return new NetworkMode.None();
        if (text.startsWith("service:") && text.length() > "service:".length()) {
            return new NetworkMode.ServiceRef(text.substring("service:".length()));
        }
        if (text.startsWith("ns:") && text.length() > "ns:".length()) {
            String abs = ctx.hostPath(text.substring("ns:".length()), node.at());
            return abs == null ? null : new NetworkMode.NamespacePath(abs);
        }
        if (text.equals("bridge") || text.equals("default")) {
            v.error(node, where + " is `" + text + "`: jstack has no bridge networks yet", Fixes.BRIDGE_MODE);
        } else if (text.startsWith("container:")) {
            v.error(node, where + " `" + text + "` names a container", Fixes.CONTAINER_MODE);
        } else {
            v.error(node, where + " `" + text + "` is not a network mode", Fixes.NETWORK_MODE);
        }
        return null;
    }

    private List<String> extraHosts(YNode node, String path) {
        List<String> result = new ArrayList<>();
        YNode.Mapping m = v.mapping(node, path, null);
        if (m == null) return result;
        for (YNode.Entry e : m.entries().values()) {
            String ip = v.string(e.value(), path + "." + e.key());
            if (ip == null) {
                if (e.value() instanceof YNode.Scalar s && s.isNull()) {
                    v.error(e.keyAt(), "`" + path + "` entry `" + e.key() + "` has no address", Fixes.EXTRA_HOST);
                }
                continue;
            }
            String bare = ip.strip();
            if (bare.startsWith("[") && bare.endsWith("]")) bare = bare.substring(1, bare.length() - 1);
            result.add(e.key() + ":" + bare);
        }
        return result;
    }

    private List<String> ports(YNode node, String path) {
        if (node == null || node instanceof YNode.Scalar s && s.isNull()) return List.of();
        if (!(node instanceof YNode.Sequence q)) {
            v.error(node, "`" + path + "` must be a list, found " + YNode.describe(node), Fixes.PORT);
            return List.of();
        }
        List<String> result = new ArrayList<>();
        for (YNode item : q.items()) {
            String port = item instanceof YNode.Mapping m ? longPort(m, path)
                    : item instanceof YNode.Scalar s && !s.isNull() && !s.broken()
                    ? port(s, path, Ports::normalize, Fixes.PORT) : null;
            if (item instanceof YNode.Sequence || item instanceof YNode.Scalar s && s.isNull()) {
                v.error(item, "`" + path + "` entries must be strings or mappings, found " + YNode.describe(item),
                        Fixes.PORT);
            }
            if (port != null && !result.contains(port)) result.add(port);
        }
        return result;
    }

    private String port(YNode.Scalar s, String path, java.util.function.UnaryOperator<String> parse, String fix) {
        try {
            return parse.apply(s.text());
        } catch (IllegalArgumentException e) {
            v.error(s, "`" + path + "` entry `" + s.text() + "`: " + e.getMessage(), fix);
            return null;
        }
    }

    /** The long syntax, rewritten to the short one and normalized by the same code. */
    private String longPort(YNode.Mapping m, String path) {
        Keys.check(m, new Keys.Place(path + "[]", Keys.PORT, Keys.PORT_UNSUPPORTED, false, false), ctx.out());
        String target = v.string(m.get("target"), path + "[].target");
        String published = v.string(m.get("published"), path + "[].published");
        String hostIp = v.string(m.get("host_ip"), path + "[].host_ip");
        String protocol = v.string(m.get("protocol"), path + "[].protocol");
        String mode = v.string(m.get("mode"), path + "[].mode");
        if (mode != null && !mode.equals("host")) {
            v.error(m.get("mode"), "`" + path + "[].mode` `" + mode + "` is not supported", Fixes.PORT_MODE);
        }
        if (target == null) {
            if (!m.has("target")) v.error(m, "`" + path + "` entry has no `target`", Fixes.PORT);
            return null;
        }
        String ip = hostIp == null ? "" : hostIp.contains(":") ? "[" + hostIp + "]:" : hostIp + ":";
        String pub = published == null ? (ip.isEmpty() ? "" : ":") : published + ":";
        String text = ip + pub + target + (protocol == null ? "" : "/" + protocol);
        return port(new YNode.Scalar(text, YNode.Kind.STR, m.at(), -1, false), path, Ports::normalize, Fixes.PORT);
    }
}
