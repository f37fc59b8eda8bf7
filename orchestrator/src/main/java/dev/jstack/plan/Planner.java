package dev.jstack.plan;

import dev.jstack.graph.NamespaceRoot;
import dev.jstack.graph.StackGraph;
import dev.jstack.spec.NetworkMode;
import dev.jstack.spec.Rootfs;
import dev.jstack.spec.Service;
import dev.jstack.spec.Stack;
import dev.jstack.state.Observed;
import dev.jstack.state.ProjectPaths;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The entry to planning: pure functions from the desired stack, its graph and one observation to a {@link Plan}.
 * No I/O, no clock, no runtime: the same inputs always give the same plan.
 */
public final class Planner {
    private final Stack stack;
    private final StackGraph graph;
    private final ProjectPaths paths;

    public Planner(Stack stack, StackGraph graph, ProjectPaths paths) {
        this.stack = stack;
        this.graph = graph;
        this.paths = paths;
    }

    /** What {@code up} does for {@code selected} (empty: every service) and everything they need. */
    public Plan up(Observed observed, List<String> selected) throws PlanException {
        return up(observed, selected, false);
    }

    /**
     * What {@code up} does for {@code selected} (empty: every service) and everything they need; containers of
     * services no longer in the file are removed with {@code removeOrphans}, and otherwise only warned about.
     */
    public Plan up(Observed observed, List<String> selected, boolean removeOrphans) throws PlanException {
        SortedSet<String> targets = withDependencies(selected);
        checkRunnable(targets);
        return new UpPlanner(this, observed, targets, UpPlanner.Mode.UP, removeOrphans).plan();
    }

    /** What {@code start} does: starts the existing containers of {@code selected} and what they need. */
    public Plan start(Observed observed, List<String> selected) throws PlanException {
        SortedSet<String> targets = withDependencies(selected);
        checkRunnable(targets);
        return new UpPlanner(this, observed, targets, UpPlanner.Mode.START, false).plan();
    }

    /**
     * What {@code restart} does: replaces the containers of {@code selected} (empty: every service) from the file,
     * in their pins, so that the services in a restarted owner's namespace are not touched.
     */
    public Plan restart(Observed observed, List<String> selected) throws PlanException {
        withDependencies(selected);
        SortedSet<String> targets = new TreeSet<>(selected.isEmpty() ? stack.services().keySet() : selected);
        checkRunnable(targets);
        return new UpPlanner(this, observed, targets, UpPlanner.Mode.RESTART, false).plan();
    }

    /**
     * What a supervisor does to bring {@code services} back: as {@code up}, but without pulling in their
     * dependencies, which keep whatever state their own restart policy leaves them in.
     */
    public Plan heal(Observed observed, SortedSet<String> services) throws PlanException {
        SortedSet<String> targets = new TreeSet<>(services);
        checkRunnable(targets);
        // Orphans are left alone: only an explicit `up --remove-orphans` removes containers.
        return new UpPlanner(this, observed, targets, UpPlanner.Mode.UP, false).plan();
    }

    /** What {@code down} does: stop everything of the project in reverse dependency order, then remove it all. */
    public Plan down(Observed observed, Duration timeout) {
        return new DownPlanner(this, observed, timeout, true, Set.of()).plan();
    }

    /** What Ctrl-C on a foreground {@code up} does: stop every running container, remove nothing. */
    public Plan stop(Observed observed, Duration timeout) {
        return new DownPlanner(this, observed, timeout, false, Set.of()).plan();
    }

    /** What {@code stop SERVICE...} does: stop those services' running containers (empty: all), remove nothing. */
    public Plan stop(Observed observed, List<String> selected, Duration timeout) throws PlanException {
        withDependencies(selected);
        return new DownPlanner(this, observed, timeout, false, Set.copyOf(selected)).plan();
    }

    Stack stack() {
        return stack;
    }

    StackGraph graph() {
        return graph;
    }

    ProjectPaths paths() {
        return paths;
    }

    /** The namespace {@code service} runs in, resolved through its chain of {@code service:} links. */
    public Netns netns(String service) {
        NamespaceRoot root = graph.namespaceRoot(service);
        if (root instanceof NamespaceRoot.Owner owner) {
            NetworkMode mode = stack.services().get(owner.service()).network().mode();
            if (mode instanceof NetworkMode.NamespacePath ns) {
                return new Netns.Existing(ns.path());
            }
            if (mode instanceof NetworkMode.None) {
                return new Netns.Pin(owner.service(), paths.pin(owner.service()).toString());
            }
            throw new IllegalStateException("service " + owner.service() + " owns a namespace in mode " + mode);
        }
        return new Netns.Host();
    }

    /** The service whose generated /etc files {@code service} uses: its namespace owner, or itself on the host. */
    public String etcOwner(String service) {
        NamespaceRoot root = graph.namespaceRoot(service);
        return root instanceof NamespaceRoot.Owner owner ? owner.service() : service;
    }

    private SortedSet<String> withDependencies(List<String> selected) throws PlanException {
        List<String> unknown = selected.stream().filter(s -> !stack.services().containsKey(s)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new PlanException(unknown.stream().map(s -> "no such service: " + s
                    + " (the stack has: " + String.join(", ", stack.services().keySet()) + ")").toList());
        }
        SortedSet<String> out = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(selected.isEmpty() ? stack.services().keySet() : selected);
        while (!todo.isEmpty()) {
            String s = todo.pop();
            if (out.add(s)) {
                todo.addAll(graph.dependencies(s));
            }
        }
        return out;
    }

    // What jstack cannot run yet is said before anything is made.
    private void checkRunnable(SortedSet<String> targets) throws PlanException {
        List<String> problems = new ArrayList<>();
        for (String name : targets) {
            Service s = stack.services().get(name);
            // A stored image is pinned to its id (NAME:TAG@sha256:ID) before planning; any other is not stored.
            if (s.rootfs() instanceof Rootfs.Image image && !image.reference().contains("@")) {
                problems.add("service " + name + ": image " + image.reference() + " is not in the image store:"
                        + " import it with `jstack image import " + image.reference() + " FILE`");
                continue;
            }
            Service.Process p = s.process();
            if (p == null || (isEmpty(p.entrypoint()) && isEmpty(p.command()))) {
                problems.add("service " + name + ": nothing to run: set `command:` (or `entrypoint:`),"
                        + " as there is no image to take a default from");
            }
        }
        if (!problems.isEmpty()) {
            throw new PlanException(problems);
        }
    }

    private static boolean isEmpty(List<String> words) {
        return words == null || words.isEmpty();
    }
}
