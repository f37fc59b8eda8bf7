package dev.jstack.apply;

import dev.jstack.graph.StackGraph;
import dev.jstack.plan.Plan;
import dev.jstack.plan.Planner;
import dev.jstack.runtime.RuntimeFailure;
import dev.jstack.spec.Stack;
import dev.jstack.state.Observed;
import dev.jstack.state.ProjectPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.util.function.Consumer;

/**
 * One stack on one host, as the commands use it: observe once, plan with the {@link Planner}, apply with the
 * {@link Executor}, and after {@code down} remove the project's remaining directories.
 */
public final class Project {
    private final Stack stack;
    private final StackGraph graph;
    private final Operations.Host host;
    private final Operations operations;
    private final Executor executor;

    public Project(Stack stack, Operations.Host host, Identities identities, EtcFiles etc, Executor executor,
                   Consumer<String> progress) {
        this(stack, host, identities, ImageLayers.none(), etc, executor, progress);
    }

    /** A project whose {@code image:} services run from {@code images}. */
    public Project(Stack stack, Operations.Host host, Identities identities, ImageLayers images, EtcFiles etc,
                   Executor executor, Consumer<String> progress) {
        this(stack, host, identities, images, etc, executor, progress, Operations.Gate.OPEN);
    }

    /** A project whose containers' creation waits at {@code gate} for their {@code depends_on} conditions. */
    public Project(Stack stack, Operations.Host host, Identities identities, ImageLayers images, EtcFiles etc,
                   Executor executor, Consumer<String> progress, Operations.Gate gate) {
        this.stack = stack;
        this.graph = StackGraph.of(stack);
        this.host = host;
        this.operations = new Operations(host, new Containers(stack, host.paths(), identities, images), etc,
                progress, gate);
        this.executor = executor;
    }

    public Stack stack() {
        return stack;
    }

    public StackGraph graph() {
        return graph;
    }

    public ProjectPaths paths() {
        return host.paths();
    }

    public Operations.Host host() {
        return host;
    }

    public Planner planner() {
        return new Planner(stack, graph, host.paths());
    }

    public Observed observe() throws RuntimeFailure {
        return new Observer(host.runtime(), host.pins(), host.paths(), host.records())
                .observe(stack.services().keySet());
    }

    /** Sends the progress of every later {@link #apply} to {@code listener}, begun steps included. */
    public void reportProgressTo(java.util.function.Consumer<ProgressEvent> listener) {
        operations.reportTo(listener);
    }

    public Executor.Result apply(Plan plan) {
        return executor.run(plan, operations);
    }

    /** Interrupts an {@link #apply} in progress once its running actions are done. */
    public void cancel() {
        executor.cancel();
    }

    /**
     * After a successful {@code down}: the generated /etc files, bundles and records directories and the project's
     * run directory go; named volumes go too when {@code volumes} is set.
     */
    public void removeLeftovers(boolean volumes) throws IOException {
        Trees trees = new Trees(host.mounts());
        if (volumes) {
            for (String volume : stack.volumes().keySet()) {
                trees.delete(host.paths().volumeDir(volume));
            }
        }
        trees.delete(host.paths().runDir());
        if (Files.isDirectory(host.paths().runDir())) {
            throw new IOException("could not remove " + host.paths().runDir());
        }
    }
}
