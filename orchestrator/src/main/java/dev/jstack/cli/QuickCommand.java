package dev.jstack.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that {@link QuickLine} parses as well as picocli: its run comes from whichever of them parsed it. */
abstract class QuickCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** {@code --runtime}, which every such command takes. */
    @Mixin
    RuntimeOptions runtime;

    /** Set by {@link QuickLine}, which makes no spec. */
    Invocation quickRun;

    /** This run: its root, its object and its writers. */
    Invocation run() {
        return quickRun != null ? quickRun : Invocation.of(spec);
    }
}
