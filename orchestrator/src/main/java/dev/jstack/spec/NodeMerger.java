package dev.jstack.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Merges the trees of several stack files, later over earlier, with Compose's override rules: mappings merge
 * by key, recursively (so {@code environment}, {@code labels}, {@code extra_hosts}, {@code ulimits} and
 * {@code depends_on}, in mapping form after {@link ShortForms}, merge by name); scalars replace; a null
 * keeps the earlier value; {@code command}, {@code entrypoint}, {@code healthcheck.test} and each ulimit
 * replace whole; {@code volumes} merge by target; other lists ({@code ports}, {@code expose}, {@code dns},
 * {@code cap_add}, {@code cap_drop}, ...) append, dropping duplicates. The later file's positions win.
 */
final class NodeMerger {

    private static final Set<String> REPLACED = Set.of("services.*.command", "services.*.entrypoint",
            "services.*.healthcheck.test", "services.*.ulimits.*");

    private NodeMerger() {
    }

    static YNode.Mapping merge(List<YNode.Mapping> trees) {
        YNode.Mapping result = trees.get(0);
        for (int i = 1; i < trees.size(); i++) result = (YNode.Mapping) merge(result, trees.get(i), "");
        return result;
    }

    private static YNode merge(YNode base, YNode over, String pattern) {
        if (over instanceof YNode.Scalar s && s.isNull()) return base;
        if (REPLACED.contains(pattern)) return over;
        if (base instanceof YNode.Mapping b && over instanceof YNode.Mapping o) return mappings(b, o, pattern);
        if (base instanceof YNode.Sequence b && over instanceof YNode.Sequence o) {
            return pattern.equals("services.*.volumes") ? byTarget(b, o) : appendUnique(b, o);
        }
        return over;
    }

    private static YNode.Mapping mappings(YNode.Mapping base, YNode.Mapping over, String pattern) {
        Map<String, YNode.Entry> entries = new LinkedHashMap<>(base.entries());
        for (YNode.Entry e : over.entries().values()) {
            YNode.Entry old = entries.get(e.key());
            String child = pattern.equals("services") ? "services.*" : join(pattern, e.key());
            YNode value = old == null ? e.value() : merge(old.value(), e.value(), child);
            // a null that kept the earlier value also keeps where that value was written
            Position keyAt = old != null && value == old.value() ? old.keyAt() : e.keyAt();
            entries.put(e.key(), new YNode.Entry(e.key(), keyAt, value));
        }
        return new YNode.Mapping(entries, over.at());
    }

    private static String join(String pattern, String key) {
        if (pattern.startsWith("services.*.ulimits")) return "services.*.ulimits.*";
        return pattern.isEmpty() ? key : pattern + "." + key;
    }

    private static YNode.Sequence appendUnique(YNode.Sequence base, YNode.Sequence over) {
        List<YNode> items = new ArrayList<>(base.items());
        for (YNode item : over.items()) {
            if (items.stream().noneMatch(i -> same(i, item))) items.add(item);
        }
        return new YNode.Sequence(items, over.at());
    }

    /** Volumes: an entry of the later file replaces the earlier one with the same target, in its place. */
    private static YNode.Sequence byTarget(YNode.Sequence base, YNode.Sequence over) {
        List<YNode> items = new ArrayList<>(base.items());
        for (YNode item : over.items()) {
            String target = target(item);
            int at = -1;
            for (int i = 0; target != null && i < items.size(); i++) {
                if (target.equals(target(items.get(i)))) at = i;
            }
            if (at >= 0) items.set(at, item);
            else items.add(item);
        }
        return new YNode.Sequence(items, over.at());
    }

    /** The container path of a volume entry in either syntax, or null when it cannot be told. */
    static String target(YNode volume) {
        if (volume instanceof YNode.Scalar s) {
            String[] parts = s.text().split(":");
            return parts.length == 1 ? parts[0] : parts[1];
        }
        if (volume instanceof YNode.Mapping m && m.get("target") instanceof YNode.Scalar t) return t.text();
        return null;
    }

    /** Equal values, wherever they were written. */
    static boolean same(YNode a, YNode b) {
        if (a instanceof YNode.Scalar x && b instanceof YNode.Scalar y) return x.text().equals(y.text());
        if (a instanceof YNode.Sequence x && b instanceof YNode.Sequence y) {
            if (x.items().size() != y.items().size()) return false;
            for (int i = 0; i < x.items().size(); i++) {
                if (!same(x.items().get(i), y.items().get(i))) return false;
            }
            return true;
        }
        if (a instanceof YNode.Mapping x && b instanceof YNode.Mapping y) {
            if (!Objects.equals(x.entries().keySet(), y.entries().keySet())) return false;
            return x.entries().keySet().stream().allMatch(k -> same(x.get(k), y.get(k)));
        }
        return false;
    }
}
