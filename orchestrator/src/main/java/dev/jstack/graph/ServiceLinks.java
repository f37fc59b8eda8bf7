package dev.jstack.graph;

import dev.jstack.spec.NetworkMode;
import dev.jstack.spec.Service;
import dev.jstack.spec.Stack;
import org.jgrapht.Graph;
import org.jgrapht.graph.SimpleDirectedGraph;

/**
 * Builds the raw, possibly cyclic graph of a stack's services. Self-loops and edges to services that are not in
 * the stack are left out: the loader reports those with their own messages.
 */
final class ServiceLinks {

    private ServiceLinks() {
    }

    static Graph<String, Link> of(Stack stack) {
        Graph<String, Link> graph = new SimpleDirectedGraph<>(Link.class);
        stack.services().keySet().forEach(graph::addVertex);
        // network_mode first: when both keys link the same pair, the edge keeps the network_mode label.
        for (Service s : stack.services().values()) {
            if (s.network() != null && s.network().mode() instanceof NetworkMode.ServiceRef ref) {
                add(graph, new Link(s.name(), ref.service(), StackGraph.NETWORK_MODE));
            }
        }
        for (Service s : stack.services().values()) {
            if (s.lifecycle() == null || s.lifecycle().dependsOn() == null) continue;
            for (String target : s.lifecycle().dependsOn().keySet()) {
                add(graph, new Link(s.name(), target, StackGraph.DEPENDS_ON));
            }
        }
        return graph;
    }

    private static void add(Graph<String, Link> graph, Link link) {
        if (link.from().equals(link.to()) || !graph.containsVertex(link.to())) return;
        if (graph.containsEdge(link.from(), link.to())) return;
        graph.addEdge(link.from(), link.to(), link);
    }
}
