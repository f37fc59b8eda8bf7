package dev.jstack.graph;

import java.util.stream.Collectors;

/** Writes a {@link StackGraph} as a Graphviz digraph, namespaces as {@code subgraph cluster_...}. */
final class DotWriter {

    private DotWriter() {
    }

    static String write(StackGraph graph) {
        StringBuilder out = new StringBuilder();
        out.append("digraph ").append(quote(graph.stack().name())).append(" {\n");
        out.append("  node [shape=box];\n");
        for (NamespaceGroup group : graph.namespaceGroups()) {
            if (!GraphFormat.isCluster(group)) continue;
            out.append("  subgraph ").append(quote(clusterId(group))).append(" {\n");
            out.append("    label=").append(quote(GraphFormat.clusterLabel(group))).append(";\n");
            group.members().forEach(s -> out.append("    ").append(node(graph, s)));
            out.append("  }\n");
        }
        for (NamespaceGroup group : graph.namespaceGroups()) {
            if (!GraphFormat.isCluster(group)) group.members().forEach(s -> out.append("  ").append(node(graph, s)));
        }
        for (Link link : graph.links()) {
            out.append("  ").append(quote(link.from())).append(" -> ").append(quote(link.to()))
                    .append(" [label=").append(quote(link.key())).append("];\n");
        }
        return out.append("}\n").toString();
    }

    private static String clusterId(NamespaceGroup group) {
        return group.root() instanceof NamespaceRoot.Owner owner ? "cluster_netns_" + owner.service() : "cluster_host";
    }

    private static String node(StackGraph graph, String service) {
        String label = GraphFormat.nodeLines(graph, service).stream().map(DotWriter::escape)
                .collect(Collectors.joining("\\n"));
        return quote(service) + " [label=\"" + label + "\"];\n";
    }

    private static String quote(String id) {
        return "\"" + escape(id == null ? "" : id) + "\"";
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
