package dev.jstack.graph;

import dev.jstack.spec.Diagnostic;
import dev.jstack.spec.Position;
import dev.jstack.spec.SourceMap;
import dev.jstack.spec.Stack;
import dev.jstack.spec.StackRule;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Rejects cycles through {@code network_mode} and {@code depends_on} together: one error per strongly connected
 * component, printing one whole cycle with the key of every edge, placed at the key of the cycle's first edge.
 * Self-loops are not reported here: the loader names them itself.
 */
public final class CycleRule implements StackRule {

    @Override
    public List<Diagnostic> check(Stack stack, SourceMap sources) {
        return Cycles.find(ServiceLinks.of(stack)).stream()
                .map(cycle -> Diagnostic.error(
                        position(cycle.get(0), sources),
                        "dependency cycle: " + Cycles.describe(cycle),
                        "remove one of these edges: " + cycle.stream().map(CycleRule::edge)
                                .collect(Collectors.joining(", "))))
                .toList();
    }

    /** The key of the edge, else its service: a parent such as {@code depends_on:} would not say which entry. */
    private static Position position(Link link, SourceMap sources) {
        String path = link.sourcePath();
        return sources.at(sources.has(path) ? path : "services." + link.from());
    }

    private static String edge(Link link) {
        String key = StackGraph.NETWORK_MODE.equals(link.key())
                ? "network_mode: service:" + link.to()
                : "depends_on: " + link.to();
        return "`" + key + "` of `" + link.from() + "`";
    }
}
