package dev.jstack.graph;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Writes a {@link StackGraph} as a Mermaid {@code flowchart}, namespaces as {@code subgraph}s. Mermaid ids allow
 * fewer characters than service names, so each service gets an id of its own, labelled with its real name.
 */
final class MermaidWriter {

    private MermaidWriter() {
    }

    static String write(StackGraph graph) {
        Map<String, String> ids = ids(graph);
        StringBuilder out = new StringBuilder("flowchart TB\n");
        for (NamespaceGroup group : graph.namespaceGroups()) {
            if (!GraphFormat.isCluster(group)) continue;
            out.append("  subgraph ").append(clusterId(group, ids))
                    .append("[\"").append(escape(GraphFormat.clusterLabel(group))).append("\"]\n");
            group.members().forEach(s -> out.append("    ").append(node(graph, ids, s)));
            out.append("  end\n");
        }
        for (NamespaceGroup group : graph.namespaceGroups()) {
            if (GraphFormat.isCluster(group)) continue;
            group.members().forEach(s -> out.append("  ").append(node(graph, ids, s)));
        }
        for (Link link : graph.links()) {
            out.append("  ").append(ids.get(link.from())).append(" -->|").append(link.key()).append("| ")
                    .append(ids.get(link.to())).append('\n');
        }
        return out.toString();
    }

    // The prefix keeps ids clear of Mermaid's keywords (a service may be called "end"); a suffix keeps them unique.
    private static Map<String, String> ids(StackGraph graph) {
        Map<String, String> ids = new TreeMap<>();
        Set<String> taken = new HashSet<>();
        for (String service : graph.stack().services().keySet()) {
            String base = "svc_" + service.replaceAll("[^A-Za-z0-9_]", "_");
            String id = base;
            for (int n = 2; !taken.add(id); n++) id = base + "_" + n;
            ids.put(service, id);
        }
        return ids;
    }

    private static String clusterId(NamespaceGroup group, Map<String, String> ids) {
        return group.root() instanceof NamespaceRoot.Owner owner ? "ns_" + ids.get(owner.service()) : "ns_host";
    }

    private static String node(StackGraph graph, Map<String, String> ids, String service) {
        String label = GraphFormat.nodeLines(graph, service).stream().map(MermaidWriter::escape)
                .collect(Collectors.joining("<br/>"));
        return ids.get(service) + "[\"" + label + "\"]\n";
    }

    private static String escape(String text) {
        return text.replace("\"", "#quot;").replace("<", "#lt;").replace(">", "#gt;");
    }
}
