package dev.jstack.spec;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks across services (DESIGN.md §1) over the active services: {@code service:X} and
 * {@code depends_on} name an existing, active service other than themselves; a {@code service:} joiner sets
 * none of the keys that belong to the namespace owner, and the message names the root owner of the chain;
 * {@code ports} with {@code host} is a warning, with {@code none} an error. Cycles belong to a {@link StackRule}.
 */
final class Validator {

    /** Keys of the network namespace's owner that jstack runs; the Compose-only ones are refused anyway. */
    static final List<String> OWNER_KEYS = List.of("ports", "expose", "hostname", "domainname", "dns",
            "dns_search", "dns_opt", "extra_hosts");

    private final ModelBuilder.Draft draft;
    private final Set<String> active;
    private final Diagnostics out;

    private Validator(ModelBuilder.Draft draft, Set<String> active, Diagnostics out) {
        this.draft = draft;
        this.active = active;
        this.out = out;
    }

    static void check(ModelBuilder.Draft draft, Set<String> active, Diagnostics out) {
        Validator v = new Validator(draft, active, out);
        for (String name : draft.services().keySet()) {
            if (!active.contains(name)) continue;
            YNode.Mapping svc = draft.servicesNode().get(name) instanceof YNode.Mapping m ? m
                    : YNode.emptyMapping(draft.servicesNode().keyAt(name));
            v.networkMode(name, svc);
            v.dependsOn(name, svc);
        }
    }

    private void networkMode(String name, YNode.Mapping svc) {
        NetworkMode mode = draft.modes().get(name);
        boolean ports = svc.get("ports") instanceof YNode.Sequence q && !q.items().isEmpty();
        if (mode instanceof NetworkMode.Host && ports) {
            out.warning(svc.keyAt("ports"), "service `" + name + "` uses network_mode: host, so its `ports` are not"
                    + " published", Fixes.PORTS_HOST);
        } else if (mode instanceof NetworkMode.None && ports) {
            out.error(svc.keyAt("ports"), "service `" + name + "` has `ports` but network_mode: none has no network "
                    + "to publish them on", Fixes.PORTS_NONE);
        } else if (mode instanceof NetworkMode.ServiceRef ref) {
            target(name, ref.service(), svc.get("network_mode").at());
            joinerKeys(name, ref.service(), svc);
        }
    }

    private void target(String name, String target, Position at) {
        String what = "`services." + name + ".network_mode` names service `" + target + "`";
        if (target.equals(name)) {
            out.error(at, "service `" + name + "` joins its own network namespace", Fixes.SELF_NETWORK);
        } else if (!draft.services().containsKey(target)) {
            out.error(at, what + ", which is not defined", suggestion(target, name, "network_mode"));
        } else if (!active.contains(target)) {
            out.error(at, what + ", which is not active" + profiles(target), Fixes.selectProfile(target));
        }
    }

    private void joinerKeys(String name, String target, YNode.Mapping svc) {
        String owner = root(name);
        for (String key : OWNER_KEYS) {
            if (!svc.has(key)) continue;
            String fix = owner == null ? Fixes.removeJoinerKey(key)
                    : Fixes.moveToOwner(key, owner, draft.modes().get(owner));
            out.error(svc.keyAt(key), "service `" + name + "` joins the network namespace of `" + target
                    + "` and cannot set `" + key + "`", fix);
        }
    }

    /** The service at the end of {@code name}'s chain of {@code service:} modes, or null if it has none. */
    String root(String name) {
        Set<String> seen = new HashSet<>();
        String current = name;
        while (draft.modes().get(current) instanceof NetworkMode.ServiceRef ref) {
            seen.add(current);
            String next = ref.service();
            if (seen.contains(next) || !active.contains(next) || !draft.services().containsKey(next)) return null;
            current = next;
        }
        return current.equals(name) ? null : current;
    }

    private void dependsOn(String name, YNode.Mapping svc) {
        Map<String, Dependency> deps = draft.services().get(name).lifecycle().dependsOn();
        YNode.Mapping node = svc.get("depends_on") instanceof YNode.Mapping m ? m : YNode.emptyMapping(svc.at());
        for (Map.Entry<String, Dependency> e : deps.entrySet()) {
            String target = e.getKey();
            Position at = node.keyAt(target);
            String what = "service `" + name + "` depends on `" + target + "`";
            boolean required = e.getValue().required();
            if (target.equals(name)) {
                out.error(at, "service `" + name + "` depends on itself", Fixes.SELF_DEPENDS);
            } else if (!draft.services().containsKey(target)) {
                report(required, at, what + ", which is not defined", suggestion(target, name, "depends_on"));
            } else if (!active.contains(target)) {
                report(required, at, what + ", which is not active" + profiles(target), Fixes.selectProfile(target));
            }
        }
    }

    /** An error, or for an optional dependency ({@code required: false}) a warning that it is skipped. */
    private void report(boolean required, Position at, String message, String fix) {
        if (required) out.error(at, message, fix);
        else out.warning(at, message + "; it is optional (`required: false`) and skipped", null);
    }

    private String profiles(String service) {
        return " (its profiles: " + String.join(", ", draft.services().get(service).profiles()) + ")";
    }

    private String suggestion(String target, String self, String key) {
        Set<String> candidates = new HashSet<>(active);
        candidates.remove(self);
        return KeyHelp.closest(target, candidates)
                .map(c -> Fixes.didYouMean(key.equals("network_mode") ? "service:" + c : c))
                .orElse(Fixes.defineOrRemove(key.equals("network_mode") ? "network_mode" : "depends_on"));
    }
}
