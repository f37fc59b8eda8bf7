package dev.jstack.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads typed values out of {@link YNode}s for the model builder. Each reader reports a value of the wrong
 * type as "`path` must be X, found Y" and returns null, so that the builder can go on and report the next
 * problem. A null YAML value and a broken (already reported) scalar read as absent, without a message.
 * Numbers and booleans are also read from strings, since interpolation always yields strings.
 */
final class Values {

    private final Diagnostics out;

    Values(Diagnostics out) {
        this.out = out;
    }

    Diagnostics out() {
        return out;
    }

    void error(YNode at, String message, String fix) {
        out.error(at.at(), message, fix);
    }

    void error(Position at, String message, String fix) {
        out.error(at, message, fix);
    }

    private void wrongType(YNode node, String path, String expected, String fix) {
        Fixes.Shape shape = path.endsWith("[]") ? null : Fixes.shape(path);
        String what = shape == null ? expected : shape.expected();
        String how = fix != null ? fix : shape != null ? shape.example() : Fixes.write(expected);
        out.error(node.at(), "`" + path + "` must be " + what + ", found " + YNode.describe(node), how);
    }

    private static boolean absent(YNode node) {
        return node == null || node instanceof YNode.Scalar s && (s.isNull() || s.broken());
    }

    /** A string (any scalar's text), or null. */
    String string(YNode node, String path) {
        if (absent(node)) return null;
        if (node instanceof YNode.Scalar s) return s.text();
        wrongType(node, path, "a string", null);
        return null;
    }

    Boolean bool(YNode node, String path) {
        if (absent(node)) return null;
        if (node instanceof YNode.Scalar s) {
            String t = s.text().toLowerCase(Locale.ROOT);
            if (t.equals("true")) return Boolean.TRUE;
            if (t.equals("false")) return Boolean.FALSE;
        }
        wrongType(node, path, "a boolean", Fixes.write("true or false"));
        return null;
    }

    Long integer(YNode node, String path, String fix) {
        if (absent(node)) return null;
        if (node instanceof YNode.Scalar s && s.text().strip().matches("[-+]?\\d{1,18}")) {
            return Long.parseLong(s.text().strip());
        }
        wrongType(node, path, "an integer", fix);
        return null;
    }

    Double number(YNode node, String path, String fix) {
        if (absent(node)) return null;
        if (node instanceof YNode.Scalar s && s.text().strip().matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
            return Double.parseDouble(s.text().strip());
        }
        wrongType(node, path, "a number", fix);
        return null;
    }

    /** A mapping; null and absent read as an empty mapping at {@code fallback}. */
    YNode.Mapping mapping(YNode node, String path, Position fallback) {
        if (node instanceof YNode.Mapping m) return m;
        if (absent(node)) return YNode.emptyMapping(node == null ? fallback : node.at());
        wrongType(node, path, "a mapping", null);
        return null;
    }

    /** A list of strings, or one string standing for a list of one. */
    List<String> strings(YNode node, String path) {
        if (absent(node)) return List.of();
        if (node instanceof YNode.Scalar s) return List.of(s.text());
        return list(node, path, item -> item.text());
    }

    /** A list whose items are scalars, each mapped by {@code read} (null results are dropped). */
    <T> List<T> list(YNode node, String path, Function<YNode.Scalar, T> read) {
        if (absent(node)) return List.of();
        if (!(node instanceof YNode.Sequence q)) {
            wrongType(node, path, "a list", null);
            return List.of();
        }
        List<T> result = new ArrayList<>();
        for (YNode item : q.items()) {
            if (item instanceof YNode.Scalar s && !s.isNull()) {
                if (s.broken()) continue;
                T value = read.apply(s);
                if (value != null) result.add(value);
            } else {
                wrongType(item, path + "[]", "a string", null);
            }
        }
        return result;
    }

    /** A mapping of names to string values (null values kept as null). */
    SortedMap<String, String> stringMap(YNode node, String path) {
        SortedMap<String, String> result = new TreeMap<>();
        YNode.Mapping m = mapping(node, path, null);
        if (m == null) return result;
        for (YNode.Entry e : m.entries().values()) {
            YNode v = e.value();
            if (v instanceof YNode.Scalar s) {
                if (!s.broken()) result.put(e.key(), s.isNull() ? null : s.text());
            } else {
                wrongType(v, path + "." + e.key(), "a string", null);
            }
        }
        return result;
    }

    /** The plain Java value of a node, for {@code x-*} extensions: sorted maps, lists, strings and numbers. */
    static Object plain(YNode node) {
        if (node instanceof YNode.Mapping m) {
            SortedMap<String, Object> map = new TreeMap<>();
            for (Map.Entry<String, YNode.Entry> e : m.entries().entrySet()) map.put(e.getKey(), plain(e.getValue().value()));
            return map;
        }
        if (node instanceof YNode.Sequence q) return q.items().stream().map(Values::plain).toList();
        YNode.Scalar s = (YNode.Scalar) node;
        return switch (s.kind()) {
            case NULL -> null;
            case BOOL -> Boolean.parseBoolean(s.text().toLowerCase(Locale.ROOT));
            case INT -> integerValue(s.text());
            case FLOAT -> floatValue(s.text());
            case STR -> s.text();
        };
    }

    private static Object integerValue(String text) {
        try {
            String t = text.replace("_", "");
            if (t.startsWith("0o")) return Long.parseLong(t.substring(2), 8);
            if (t.startsWith("0x")) return Long.parseLong(t.substring(2), 16);
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            return text;
        }
    }

    private static Object floatValue(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.endsWith(".inf")) return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        if (t.equals(".nan")) return Double.NaN;
        return Double.parseDouble(t);
    }
}
