package dev.jstack.spec;

import java.util.Map;
import java.util.TreeMap;

/**
 * Where each part of a stack was written, keyed by path: {@code services.a} is the service's key,
 * {@code services.a.ports} the key {@code ports} of service a, {@code services.a.depends_on.b} the entry b.
 * With several files, the last file that set a key wins, as its value does.
 */
public final class SourceMap {

    private final Map<String, Position> positions = new TreeMap<>();
    private final Position fallback;

    public SourceMap(Position fallback) {
        this.fallback = fallback;
    }

    public void put(String path, Position at) {
        positions.put(path, at);
    }

    /** The position of the path, else of its nearest recorded parent, else of the file. */
    public Position at(String path) {
        String p = path;
        while (true) {
            Position found = positions.get(p);
            if (found != null) return found;
            int dot = p.lastIndexOf('.');
            if (dot < 0) return fallback;
            p = p.substring(0, dot);
        }
    }

    public boolean has(String path) {
        return positions.containsKey(path);
    }
}
