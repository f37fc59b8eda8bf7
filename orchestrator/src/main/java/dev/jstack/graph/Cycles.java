package dev.jstack.graph;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;

/**
 * Finds one printable cycle per strongly connected component of a service graph, in a stable order: the cycle
 * starts at the component's smallest service name and always follows the edge to the smallest next service
 * that still leads back to the start.
 */
final class Cycles {

    private Cycles() {
    }

    /** One cycle per component of two or more services, ordered by their first service. */
    static List<List<Link>> find(Graph<String, Link> graph) {
        List<List<Link>> cycles = new ArrayList<>();
        for (Set<String> component : new KosarajuStrongConnectivityInspector<>(graph).stronglyConnectedSets()) {
            if (component.size() < 2) continue;
            String start = new TreeSet<>(component).first();
            List<Link> path = new ArrayList<>();
            walk(graph, component, start, start, new HashSet<>(), path);
            cycles.add(List.copyOf(path));
        }
        cycles.sort(Comparator.comparing(c -> c.get(0).from()));
        return cycles;
    }

    /** The cycle as {@code a -(network_mode)-> b -(depends_on)-> a}. */
    static String describe(List<Link> cycle) {
        return cycle.get(0).from() + cycle.stream()
                .map(l -> " -(" + l.key() + ")-> " + l.to())
                .collect(Collectors.joining());
    }

    // Depth-first, smallest successor first; in a strongly connected component a way back always exists.
    private static boolean walk(Graph<String, Link> graph, Set<String> component, String start, String at,
                                Set<String> visited, List<Link> path) {
        visited.add(at);
        List<Link> out = graph.outgoingEdgesOf(at).stream()
                .filter(l -> component.contains(l.to()))
                .sorted(Comparator.comparing(Link::to))
                .toList();
        for (Link link : out) {
            path.add(link);
            if (link.to().equals(start)) return true;
            if (!visited.contains(link.to()) && walk(graph, component, start, link.to(), visited, path)) return true;
            path.remove(path.size() - 1);
        }
        return false;
    }
}
