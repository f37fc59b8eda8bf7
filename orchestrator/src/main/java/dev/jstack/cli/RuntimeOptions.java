package dev.jstack.cli;

import dev.jstack.apply.EtcFiles;
import dev.jstack.apply.Executor;
import dev.jstack.apply.Identities;
import dev.jstack.apply.ImageResolver;
import dev.jstack.apply.MountTable;
import dev.jstack.apply.NetnsVerifier;
import dev.jstack.apply.Operations;
import dev.jstack.apply.Project;
import dev.jstack.runtime.HostCheck;
import dev.jstack.runtime.RuncRuntime;
import dev.jstack.runtime.RuntimeFailure;
import dev.jstack.runtime.image.ImageStore;
import dev.jstack.runtime.linux.LinuxInitSignals;
import dev.jstack.runtime.linux.LinuxLayerFiles;
import dev.jstack.runtime.linux.LinuxNamespacePins;
import dev.jstack.runtime.linux.LinuxProcessReaper;
import dev.jstack.runtime.linux.LinuxRootfsMounts;
import dev.jstack.spec.InvalidStackException;
import dev.jstack.spec.Stack;
import dev.jstack.state.ProjectPaths;
import dev.jstack.state.RecordStore;
import dev.jstack.supervise.DependencyGate;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * The {@code --runtime} option of the commands that run containers, and the one place where such a command gets
 * its {@link Project} on this host: the host check first (root, a runtime), then the real ports.
 */
public final class RuntimeOptions {

    @Option(names = "--runtime", paramLabel = "NAME",
            description = "OCI runtime: runc (default) or crun, or a path (also JSTACK_RUNTIME).")
    String runtime;

    /** The runtime chosen by --runtime, else JSTACK_RUNTIME, else runc. */
    String runtime(Map<String, String> environment) {
        if (runtime != null && !runtime.isBlank()) {
            return runtime;
        }
        String fromEnv = environment.get("JSTACK_RUNTIME");
        return fromEnv == null || fromEnv.isBlank() ? RuncRuntime.DEFAULT : fromEnv;
    }

    /** The project of the stack that {@code run} names (its -f, -p and environment), on this host. */
    Project open(Invocation run) throws InvalidStackException, RuntimeFailure {
        JstackCommand root = run.root();
        return open(root.load(run.err()).stack(), root.environment(), run.err());
    }

    /** The project of {@code stack} on this host; throws when the host cannot run containers. */
    Project open(Stack stack, Map<String, String> environment, PrintWriter err) throws RuntimeFailure {
        return open(stack, environment, err, line -> {
            err.println(line);
            err.flush();
        });
    }

    /**
     * The project of {@code stack} on this host, with progress to {@code progress}: its containers' creation waits
     * for their {@code depends_on} conditions, and this process knows the exit codes of the containers it creates.
     */
    Project open(Stack stack, Map<String, String> environment, PrintWriter err, Consumer<String> progress)
            throws RuntimeFailure {
        String name = runtime(environment);
        HostCheck.require(name);
        ImageResolver images = new ImageResolver(new ImageStore(ImageStore.root(environment), new LinuxLayerFiles()));
        stack = images.resolve(stack);
        ProjectPaths paths = ProjectPaths.onHost(stack.name());
        RuncRuntime oci = new RuncRuntime(name, null, new LinuxInitSignals());
        Operations.Host host = new Operations.Host(oci, new LinuxNamespacePins(),
                new LinuxRootfsMounts(), paths, new RecordStore(paths, w -> warn(err, w)), NetnsVerifier.proc(),
                MountTable.self());
        DependencyGate gate = new DependencyGate(stack, oci, paths, LinuxProcessReaper.shared(), Clock.systemUTC(),
                progress);
        return new Project(stack, host, Identities.fromRootfs(), images, new EtcFiles(Path.of("/etc")),
                Executor.forThisMachine(), progress, gate);
    }

    private static void warn(PrintWriter err, String warning) {
        err.println("jstack: warning: " + warning);
        err.flush();
    }
}
