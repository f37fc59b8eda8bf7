package dev.jstack.graph;

/**
 * One edge of a stack's graph: service {@code from} needs service {@code to}, because of the key {@code key}
 * ({@link StackGraph#NETWORK_MODE} or {@link StackGraph#DEPENDS_ON}). Edges point from the dependent to what it
 * depends on, the direction in which cycles are printed.
 */
public record Link(String from, String to, String key) implements Comparable<Link> {

    @Override
    public int compareTo(Link o) {
        int c = from.compareTo(o.from);
        return c != 0 ? c : to.compareTo(o.to);
    }

    /** The path of this edge's key in a {@link dev.jstack.spec.SourceMap}. */
    public String sourcePath() {
        return StackGraph.NETWORK_MODE.equals(key)
                ? "services." + from + ".network_mode"
                : "services." + from + ".depends_on." + to;
    }

    @Override
    public String toString() {
        return from + " -(" + key + ")-> " + to;
    }
}
