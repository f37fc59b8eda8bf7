package dev.jstack.graph;

import dev.jstack.spec.NetworkMode;
import dev.jstack.spec.Service;
import dev.jstack.spec.Stack;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jgrapht.Graph;

/**
 * The dependency DAG of a stack's services: edges from {@code network_mode: service:X} and {@code depends_on},
 * the order to start and stop them, the levels that may start in parallel, and the network namespace each
 * service ends up in. Built only from acyclic stacks: the loader rejects cycles through {@link CycleRule}.
 */
public final class StackGraph {

    /** The label of an edge from {@code network_mode: service:X}. */
    public static final String NETWORK_MODE = "network_mode";
    /** The label of an edge from a {@code depends_on} entry. */
    public static final String DEPENDS_ON = "depends_on";

    private final Stack stack;
    private final Graph<String, Link> graph;
    private final List<String> startOrder;
    private final Map<String, Integer> levels = new HashMap<>();

    private StackGraph(Stack stack, Graph<String, Link> graph, List<String> startOrder) {
        this.stack = stack;
        this.graph = graph;
        this.startOrder = startOrder;
        for (String s : startOrder) {
            int level = dependencies(s).stream().mapToInt(d -> levels.get(d) + 1).max().orElse(0);
            levels.put(s, level);
        }
    }

    /** The graph of {@code stack}; throws IllegalArgumentException naming the cycle if there is one. */
    public static StackGraph of(Stack stack) {
        Graph<String, Link> graph = ServiceLinks.of(stack);
        List<String> order = kahn(graph);
        if (order.size() < graph.vertexSet().size()) {
            throw new IllegalArgumentException("dependency cycle: " + Cycles.describe(Cycles.find(graph).get(0)));
        }
        return new StackGraph(stack, graph, List.copyOf(order));
    }

    // Kahn's algorithm over a sorted ready set: among services whose dependencies are placed, the smallest name.
    private static List<String> kahn(Graph<String, Link> graph) {
        Map<String, Integer> waitingFor = new HashMap<>();
        TreeSet<String> ready = new TreeSet<>();
        for (String v : graph.vertexSet()) {
            waitingFor.put(v, graph.outDegreeOf(v));
            if (graph.outDegreeOf(v) == 0) ready.add(v);
        }
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String next = ready.pollFirst();
            order.add(next);
            for (Link in : graph.incomingEdgesOf(next)) {
                if (waitingFor.merge(in.from(), -1, Integer::sum) == 0) ready.add(in.from());
            }
        }
        return order;
    }

    public Stack stack() {
        return stack;
    }

    /** Every edge, sorted by its source, then its target. */
    public List<Link> links() {
        return graph.edgeSet().stream().sorted().toList();
    }

    /** The services {@code service} needs directly, sorted by name. */
    public List<String> dependencies(String service) {
        return graph.outgoingEdgesOf(service).stream().map(Link::to).sorted().toList();
    }

    /** The services that need {@code service} directly, sorted by name. */
    public List<String> dependents(String service) {
        return graph.incomingEdgesOf(service).stream().map(Link::from).sorted().toList();
    }

    /** Every service after the ones it needs; among services free to go, the smallest name first. */
    public List<String> startOrder() {
        return startOrder;
    }

    /** The start order reversed: every service stops before the ones it needs. */
    public List<String> stopOrder() {
        List<String> reversed = new ArrayList<>(startOrder);
        Collections.reverse(reversed);
        return List.copyOf(reversed);
    }

    /** Level 0 holds the services that need nothing; level n those whose deepest dependency is at n - 1. */
    public int level(String service) {
        Integer level = levels.get(service);
        if (level == null) throw new IllegalArgumentException("no service " + service);
        return level;
    }

    /** The services by start level, each level sorted by name: a level's services may start in parallel. */
    public List<List<String>> startLevels() {
        SortedMap<Integer, List<String>> byLevel = new TreeMap<>();
        for (String s : new TreeSet<>(levels.keySet())) {
            byLevel.computeIfAbsent(levels.get(s), k -> new ArrayList<>()).add(s);
        }
        return byLevel.values().stream().map(List::copyOf).toList();
    }

    /** Whose network namespace {@code service} is in, following {@code service:} chains to their root. */
    public NamespaceRoot namespaceRoot(String service) {
        String at = service;
        // The graph is acyclic, so the chain ends; the bound only guards against a broken invariant.
        for (int steps = 0; steps <= stack.services().size(); steps++) {
            Service s = stack.services().get(at);
            NetworkMode mode = s.network() == null ? null : s.network().mode();
            if (mode instanceof NetworkMode.Host) return new NamespaceRoot.Host();
            if (!(mode instanceof NetworkMode.ServiceRef ref) || !stack.services().containsKey(ref.service())) {
                return new NamespaceRoot.Owner(at);
            }
            at = ref.service();
        }
        throw new IllegalStateException("network_mode chain of " + service + " does not end");
    }

    /** The services grouped by namespace: the host's first, then by owner name. */
    public List<NamespaceGroup> namespaceGroups() {
        SortedMap<NamespaceRoot, List<String>> groups = new TreeMap<>();
        for (String s : stack.services().keySet()) {
            groups.computeIfAbsent(namespaceRoot(s), k -> new ArrayList<>()).add(s);
        }
        return groups.entrySet().stream().map(e -> new NamespaceGroup(e.getKey(), List.copyOf(e.getValue()))).toList();
    }
}
