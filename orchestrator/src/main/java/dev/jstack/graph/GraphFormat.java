package dev.jstack.graph;

import dev.jstack.spec.Service;
import java.util.List;

/**
 * The text forms of a {@link StackGraph}: Graphviz DOT and Mermaid flowcharts, both deterministic. Nodes show
 * their network mode, edges their key; services sharing one namespace are drawn as one cluster, and host-mode
 * services in a cluster named "host".
 */
public enum GraphFormat {
    DOT, MERMAID;

    /** The graph in this format, ending with a newline. */
    public String render(StackGraph graph) {
        return switch (this) {
            case DOT -> DotWriter.write(graph);
            case MERMAID -> MermaidWriter.write(graph);
        };
    }

    /** Host services always form a cluster; another namespace only when several services share it. */
    static boolean isCluster(NamespaceGroup group) {
        return group.root() instanceof NamespaceRoot.Host || group.members().size() > 1;
    }

    static String clusterLabel(NamespaceGroup group) {
        return group.root() instanceof NamespaceRoot.Owner owner ? "netns of " + owner.service() : "host";
    }

    /** The node's two lines: its name and its network mode. */
    static List<String> nodeLines(StackGraph graph, String service) {
        Service s = graph.stack().services().get(service);
        return List.of(service, s.network() == null ? "?" : String.valueOf(s.network().mode()));
    }
}
