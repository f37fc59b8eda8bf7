package dev.jstack.apply;

import dev.jstack.plan.Plan;
import dev.jstack.spec.Stack;
import dev.jstack.state.ProjectPaths;
import dev.jstack.state.RecordStore;
import dev.jstack.testing.FakePins;
import dev.jstack.testing.FakeRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A project wired to the fakes and to directories under a temp dir; the netns check always passes. */
final class FakeHost {
    final FakeRuntime runtime = new FakeRuntime();
    final FakePins pins;
    final ProjectPaths paths;
    /** What the apply reports, from the executor's threads at once. */
    final List<String> progress = Collections.synchronizedList(new ArrayList<>());
    final Path root;
    /** The network namespace check; passes unless a test sets another. */
    volatile NetnsVerifier verifier = (c, pid, netns) -> { };

    FakeHost(Path root) throws IOException {
        this.root = root;
        this.pins = new FakePins(root.resolve("netns"));
        this.paths = new ProjectPaths("demo", root.resolve("run"), root.resolve("lib"), root.resolve("netns"));
        Path etc = Files.createDirectories(root.resolve("host-etc"));
        Files.writeString(etc.resolve("hostname"), "buildhost\n");
        Files.writeString(etc.resolve("hosts"), "127.0.0.1\tlocalhost\n");
        Files.writeString(etc.resolve("resolv.conf"), "nameserver 192.0.2.53\n");
    }

    Project project(Stack stack) {
        Operations.Host host = new Operations.Host(runtime, pins, pins, paths,
                new RecordStore(paths, progress::add), (c, pid, netns) -> verifier.verify(c, pid, netns), new MountTable(root.resolve("none")));
        return new Project(stack, host, (rootfs, user) -> Identities.Identity.ROOT,
                new EtcFiles(root.resolve("host-etc")), new Executor(2), progress::add);
    }

    Executor.Result up(Stack stack) throws Exception {
        Project p = project(stack);
        Plan plan = p.planner().up(p.observe(), List.of());
        return p.apply(plan);
    }
}
