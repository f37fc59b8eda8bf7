package dev.jstack.spec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rewrites the list forms that have a mapping twin into that mapping, in each file before the files are
 * merged, so that merging by name works whichever form each file used: {@code environment} and {@code labels}
 * ({@code KEY=VALUE} / {@code KEY}), {@code extra_hosts} ({@code HOST:IP} / {@code HOST=IP}) and the short
 * {@code depends_on} list (a name becomes a key with a null value: the defaults). Items that cannot be read
 * are reported and dropped; values of a wrong type are left for the model builder to report.
 */
final class ShortForms {

    private final Diagnostics out;

    ShortForms(Diagnostics out) {
        this.out = out;
    }

    YNode.Mapping apply(YNode.Mapping root) {
        if (!(root.get("services") instanceof YNode.Mapping services)) return root;
        Map<String, YNode.Entry> rewritten = new LinkedHashMap<>();
        for (YNode.Entry e : services.entries().values()) {
            YNode value = e.value() instanceof YNode.Mapping svc ? service(svc, "services." + e.key()) : e.value();
            rewritten.put(e.key(), new YNode.Entry(e.key(), e.keyAt(), value));
        }
        return replace(root, "services", new YNode.Mapping(rewritten, services.at()));
    }

    private YNode.Mapping service(YNode.Mapping svc, String path) {
        YNode.Mapping result = svc;
        for (String key : new String[] {"environment", "labels", "extra_hosts", "depends_on"}) {
            if (result.get(key) instanceof YNode.Sequence list) {
                result = replace(result, key, toMapping(list, key, path + "." + key));
            }
        }
        return result;
    }

    private YNode.Mapping toMapping(YNode.Sequence list, String key, String path) {
        Map<String, YNode.Entry> entries = new LinkedHashMap<>();
        for (YNode item : list.items()) {
            if (!(item instanceof YNode.Scalar s) || s.isNull()) {
                out.error(item.at(), "`" + path + "` items must be strings, found " + YNode.describe(item),
                        Fixes.write(itemForm(key)));
                continue;
            }
            if (s.broken()) continue;
            YNode.Entry entry = key.equals("depends_on") ? dependency(s) : pair(s, key, path);
            if (entry == null) continue;
            YNode.Entry first = entries.get(entry.key());
            if (first != null) {
                out.error(s.at(), "duplicate `" + entry.key() + "` in `" + path + "`: it is also set at "
                        + first.keyAt(), Fixes.duplicateKey(entry.key()));
                continue;
            }
            entries.put(entry.key(), entry);
        }
        return new YNode.Mapping(entries, list.at());
    }

    private static YNode.Entry dependency(YNode.Scalar s) {
        return new YNode.Entry(s.text(), s.at(), new YNode.Scalar("", YNode.Kind.NULL, s.at(), -1, false));
    }

    /** {@code KEY=VALUE}, {@code KEY} (null value; for labels the empty string), or {@code HOST:IP}. */
    private YNode.Entry pair(YNode.Scalar s, String key, String path) {
        String text = s.text();
        int cut = text.indexOf('=');
        if (key.equals("extra_hosts") && cut < 0) cut = text.indexOf(':');
        String name = (cut < 0 ? text : text.substring(0, cut)).strip();
        if (name.isEmpty() || key.equals("extra_hosts") && cut < 0) {
            out.error(s.at(), "`" + path + "` item `" + text + "` has no name", Fixes.write(itemForm(key)));
            return null;
        }
        YNode.Scalar value;
        if (cut >= 0) {
            value = new YNode.Scalar(text.substring(cut + 1), YNode.Kind.STR, s.at(cut + 1), -1, false);
        } else if (key.equals("labels")) {
            value = new YNode.Scalar("", YNode.Kind.STR, s.at(), -1, false);
        } else {
            value = new YNode.Scalar("", YNode.Kind.NULL, s.at(), -1, false);
        }
        return new YNode.Entry(name, s.at(), value);
    }

    private static String itemForm(String key) {
        return switch (key) {
            case "extra_hosts" -> "`HOST:IP` or `HOST=IP`";
            case "depends_on" -> "service names";
            default -> "`KEY=VALUE` or `KEY`";
        };
    }

    static YNode.Mapping replace(YNode.Mapping map, String key, YNode value) {
        Map<String, YNode.Entry> entries = new LinkedHashMap<>(map.entries());
        YNode.Entry old = entries.get(key);
        entries.put(key, new YNode.Entry(key, old.keyAt(), value));
        return new YNode.Mapping(entries, map.at());
    }
}
