package dev.jstack.graph;

import static dev.jstack.testing.TestStacks.stack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jstack.spec.Stack;
import java.util.List;
import org.junit.jupiter.api.Test;

class StackGraphTest {

    // app joins db's namespace and waits for cache; web (host) waits for app; worker waits for db.
    private static final Stack SHOP = stack("shop")
            .service("web", "host", "app")
            .service("worker", "none", "db")
            .service("app", "service:db", "cache")
            .service("db", "none")
            .service("cache", "none")
            .build();

    @Test
    void startOrderPutsDependenciesFirstAndBreaksTiesByName() {
        assertEquals(List.of("cache", "db", "app", "web", "worker"), StackGraph.of(SHOP).startOrder());
    }

    @Test
    void stopOrderIsTheStartOrderReversed() {
        assertEquals(List.of("worker", "web", "app", "db", "cache"), StackGraph.of(SHOP).stopOrder());
    }

    @Test
    void levelsGroupServicesThatMayStartTogether() {
        StackGraph graph = StackGraph.of(SHOP);
        assertEquals(List.of(List.of("cache", "db"), List.of("app", "worker"), List.of("web")), graph.startLevels());
        assertEquals(2, graph.level("web"));
    }

    @Test
    void linksCarryTheirKeySortedBySourceThenTarget() {
        assertEquals(List.of(
                new Link("app", "cache", "depends_on"),
                new Link("app", "db", "network_mode"),
                new Link("web", "app", "depends_on"),
                new Link("worker", "db", "depends_on")), StackGraph.of(SHOP).links());
    }

    @Test
    void networkModeAndDependsOnOnOnePairMakeOneNetworkModeEdge() {
        StackGraph graph = StackGraph.of(stack("s").service("a", "none").service("b", "service:a", "a").build());
        assertEquals(List.of(new Link("b", "a", "network_mode")), graph.links());
    }

    @Test
    void directNeighboursBothWays() {
        StackGraph graph = StackGraph.of(SHOP);
        assertEquals(List.of("cache", "db"), graph.dependencies("app"));
        assertEquals(List.of("app", "worker"), graph.dependents("db"));
        assertEquals(List.of(), graph.dependents("web"));
    }

    @Test
    void selfLoopsAndUnknownTargetsAreLeftToTheLoader() {
        StackGraph graph = StackGraph.of(stack("s").service("a", "service:a", "a", "ghost").build());
        assertEquals(List.of(), graph.links());
        assertEquals(List.of("a"), graph.startOrder());
    }

    @Test
    void chainsResolveToTheirRootOwner() {
        StackGraph graph = StackGraph.of(stack("s")
                .service("a", "none").service("b", "service:a").service("c", "service:b").build());
        assertEquals(new NamespaceRoot.Owner("a"), graph.namespaceRoot("c"));
        assertEquals(new NamespaceRoot.Owner("a"), graph.namespaceRoot("a"));
    }

    @Test
    void aChainEndingInAHostServiceMeansTheHostNamespace() {
        StackGraph graph = StackGraph.of(stack("s")
                .service("h", "host").service("j", "service:h").service("k", "service:j").build());
        assertEquals(new NamespaceRoot.Host(), graph.namespaceRoot("k"));
    }

    @Test
    void aNamespacePathIsItsOwnRoot() {
        StackGraph graph = StackGraph.of(stack("s")
                .service("lab", "ns:/run/netns/lab").service("probe", "service:lab").build());
        assertEquals(new NamespaceRoot.Owner("lab"), graph.namespaceRoot("probe"));
    }

    @Test
    void namespaceGroupsListTheHostFirstThenOwnersByName() {
        assertEquals(List.of(
                new NamespaceGroup(new NamespaceRoot.Host(), List.of("web")),
                new NamespaceGroup(new NamespaceRoot.Owner("cache"), List.of("cache")),
                new NamespaceGroup(new NamespaceRoot.Owner("db"), List.of("app", "db")),
                new NamespaceGroup(new NamespaceRoot.Owner("worker"), List.of("worker"))),
                StackGraph.of(SHOP).namespaceGroups());
    }

    @Test
    void aCycleIsRejectedWithItsPath() {
        Stack cyclic = stack("s").service("a", "service:b").service("b", "none", "a").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StackGraph.of(cyclic));
        assertEquals("dependency cycle: a -(network_mode)-> b -(depends_on)-> a", e.getMessage());
    }
}
