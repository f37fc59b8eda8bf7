package dev.jstack.cli;

import dev.jstack.graph.GraphFormat;
import dev.jstack.graph.StackGraph;
import dev.jstack.spec.InvalidStackException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jstack graph}: the services, their namespaces and dependencies, as DOT or Mermaid. */
@Command(name = "graph", description = "Print the dependency graph as Graphviz DOT or a Mermaid flowchart.")
public final class GraphCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--format", defaultValue = "dot", paramLabel = "dot|mermaid",
            description = "Output format: dot (default) or mermaid.")
    GraphFormat format;

    @Override
    public Integer call() throws InvalidStackException {
        StackGraph graph = StackGraph.of(JstackCommand.of(spec).load(spec.commandLine().getErr()).stack());
        PrintWriter out = spec.commandLine().getOut();
        out.print(format.render(graph));
        out.flush();
        return ExitCode.OK;
    }
}
