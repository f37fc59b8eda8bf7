package dev.jstack.spec;

/**
 * Fills a {@link SourceMap} from the merged tree: every key of every mapping, by its dotted path
 * ({@code services.a}, {@code services.a.ports}, {@code services.a.depends_on.b}). The merged tree already
 * carries the position of the last file that set each key.
 */
final class SourceRecorder {

    private SourceRecorder() {
    }

    static SourceMap record(YNode.Mapping root, Position fallback) {
        SourceMap map = new SourceMap(fallback);
        walk(root, "", map);
        return map;
    }

    private static void walk(YNode.Mapping m, String prefix, SourceMap map) {
        for (YNode.Entry e : m.entries().values()) {
            String path = prefix.isEmpty() ? e.key() : prefix + "." + e.key();
            map.put(path, e.keyAt());
            if (e.value() instanceof YNode.Mapping child) walk(child, path, map);
        }
    }
}
