package dev.jstack.graph;

import java.util.List;

/** The services that share one network namespace, sorted by name; the root owner is one of them. */
public record NamespaceGroup(NamespaceRoot root, List<String> members) {
}
