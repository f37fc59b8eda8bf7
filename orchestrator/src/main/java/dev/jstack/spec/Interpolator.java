package dev.jstack.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Applies {@link Interpolation} to every scalar value of a tree (never to keys). A value that cannot be
 * interpolated is reported at the column of the failing expression and kept as a broken scalar, so that the
 * model builder neither uses it nor reports it a second time. A variable used without a default while unset
 * is a warning, as in Compose.
 */
final class Interpolator {

    private final Function<String, String> lookup;
    private final Diagnostics out;

    Interpolator(Function<String, String> lookup, Diagnostics out) {
        this.lookup = lookup;
        this.out = out;
    }

    YNode.Mapping apply(YNode.Mapping root) {
        return (YNode.Mapping) node(root, "");
    }

    private YNode node(YNode node, String path) {
        if (node instanceof YNode.Scalar s) return scalar(s, path);
        if (node instanceof YNode.Sequence q) {
            List<YNode> items = new ArrayList<>();
            for (YNode item : q.items()) items.add(node(item, path));
            return new YNode.Sequence(items, q.at());
        }
        YNode.Mapping m = (YNode.Mapping) node;
        Map<String, YNode.Entry> entries = new LinkedHashMap<>();
        for (YNode.Entry e : m.entries().values()) {
            String child = path.isEmpty() ? e.key() : path + "." + e.key();
            entries.put(e.key(), new YNode.Entry(e.key(), e.keyAt(), node(e.value(), child)));
        }
        return new YNode.Mapping(entries, m.at());
    }

    private YNode scalar(YNode.Scalar s, String path) {
        // only text with a `$` can change; the rest keeps its YAML type (an int stays an int)
        if (s.broken() || s.kind() != YNode.Kind.STR || s.text().indexOf('$') < 0) return s;
        Set<String> unset = new TreeSet<>();
        try {
            String value = Interpolation.interpolate(s.text(), lookup, unset);
            for (String name : unset) {
                out.warning(s.at(), "`" + path + "`: variable " + name + " is not set, so it stands for an empty "
                        + "string", Fixes.unsetVariable(name));
            }
            return new YNode.Scalar(value, YNode.Kind.STR, s.at(), s.shift(), false);
        } catch (Interpolation.InterpolationException e) {
            String fix = e.getMessage().startsWith("required variable") ? Fixes.REQUIRED_VARIABLE
                    : Fixes.INTERPOLATION_SYNTAX;
            out.error(s.at(e.offset()), "cannot interpolate `" + path + "`: " + e.getMessage(), fix);
            return new YNode.Scalar(s.text(), YNode.Kind.STR, s.at(), s.shift(), true);
        }
    }
}
