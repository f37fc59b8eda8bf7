package dev.jstack.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jstack.plan.Action;
import dev.jstack.plan.Plan;
import dev.jstack.runtime.RuntimeFailure;
import dev.jstack.spec.Stack;
import dev.jstack.state.Observed;
import dev.jstack.testing.Stacks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplyTest {
    @TempDir
    Path tmp;

    private static Stack chain() {
        return Stacks.named("demo").service("a", "none").service("b", "service:a").service("c", "service:b")
                .service("h", "host").build();
    }

    @Test
    @DisplayName("after an up, a second up with the same file plans nothing")
    void secondUpPlansNothing() throws Exception {
        FakeHost host = new FakeHost(tmp);
        Executor.Result first = host.up(chain());
        assertTrue(first.ok(), () -> first.failures().toString());
        assertEquals(List.of("run demo-a-1", "run demo-b-1", "run demo-c-1", "run demo-h-1"),
                host.runtime.calls.stream().sorted().toList(), "one runtime call makes and starts each container");
        Project p = host.project(chain());
        assertEquals("", p.planner().up(p.observe(), List.of()).toString());
        assertEquals(List.of("demo-a-1", "demo-b-1", "demo-c-1", "demo-h-1"),
                p.observe().containers().keySet().stream().toList());
    }

    @Test
    @DisplayName("a container that exited is replaced by the next up, and only it")
    void exitedIsReplaced() throws Exception {
        FakeHost host = new FakeHost(tmp);
        host.up(chain());
        host.runtime.exit("demo-b-1");
        Project p = host.project(chain());
        assertEquals("""
                1 remove demo-b-1: container stopped
                2 create demo-b-1: container stopped (after 1)
                3 start demo-b-1: container stopped (after 2)
                """, p.planner().up(p.observe(), List.of()).toString());
    }

    @Test
    @DisplayName("a service that cannot start is named with the runtime's message and leaves nothing behind")
    void failureIsReportedAndRolledBack() throws Exception {
        FakeHost host = new FakeHost(tmp);
        host.runtime.failingPrograms.add("nosuch");
        Stack stack = Stacks.named("demo").service("a", "none")
                .add(Stacks.service("b", "service:a", List.of("nosuch"), List.of())).service("c", "service:b")
                .build();
        Executor.Result result = host.up(stack);
        assertEquals("b: runc run demo-b-1: exec: \"nosuch\": executable file not found in $PATH",
                result.failures().stream().map(f -> f.action().service() + ": " + f.message())
                        .collect(Collectors.joining("\n")));
        assertEquals("start demo-b-1, create demo-c-1, start demo-c-1", result.skipped().stream()
                .map(a -> a.verb() + " " + a.target()).collect(Collectors.joining(", ")));
        assertFalse(Files.exists(host.paths.bundleDir("demo-b-1")));
        assertFalse(Files.exists(host.paths.containerRecord("demo-b-1")));
        assertFalse(Files.exists(host.paths.containerDir("demo-b-1")));
        assertTrue(Files.exists(host.paths.containerRecord("demo-a-1")), "a stays recorded for down");
    }

    @Test
    @DisplayName("down removes every container, mount, pin and record, and the project's run directory")
    void downLeavesNothing() throws Exception {
        FakeHost host = new FakeHost(tmp);
        host.up(chain());
        Project p = host.project(chain());
        Executor.Result down = p.apply(p.planner().down(p.observe(), null));
        assertTrue(down.ok(), () -> down.failures().toString());
        p.removeLeftovers(false);
        Observed after = p.observe();
        assertTrue(after.isEmpty(), after::toString);
        assertTrue(host.pins.mounted.isEmpty(), host.pins.mounted::toString);
        assertFalse(Files.exists(host.paths.runDir()));
        assertFalse(Files.exists(host.paths.pin("a")));
        assertFalse(Files.exists(host.paths.containerDir("demo-a-1")));
        List<String> kills = host.runtime.calls.stream().filter(c -> c.startsWith("kill")).toList();
        assertEquals(4, kills.size(), kills::toString);
        // c, b, a must stop in this order (each after what needs it); h is independent.
        assertTrue(kills.indexOf("kill demo-c-1 SIGTERM") < kills.indexOf("kill demo-b-1 SIGTERM")
                && kills.indexOf("kill demo-b-1 SIGTERM") < kills.indexOf("kill demo-a-1 SIGTERM"), kills::toString);
    }

    @Test
    @DisplayName("rootfs: host containers share one bind of the host's root, which goes with the last bundle")
    void oneHostRootPerProject() throws Exception {
        FakeHost host = new FakeHost(tmp);
        host.up(chain());
        Path shared = host.paths.hostRoot();
        assertEquals(List.of(shared), List.copyOf(host.pins.mounted));
        for (String c : List.of("demo-a-1", "demo-b-1", "demo-c-1", "demo-h-1")) {
            assertEquals(shared, host.runtime.spec(c).rootfs(), c);
        }
        Stack fewer = Stacks.named("demo").service("a", "none").build();
        Project p = host.project(fewer);
        assertTrue(p.apply(p.planner().up(p.observe(), List.of())).ok());
        assertEquals(List.of(shared), List.copyOf(host.pins.mounted), "a still uses it");
        Executor.Result down = p.apply(p.planner().down(p.observe(), null));
        assertTrue(down.ok(), () -> down.failures().toString());
        assertTrue(host.pins.mounted.isEmpty(), host.pins.mounted::toString);
        assertFalse(Files.exists(shared));
    }

    @Test
    @DisplayName("a shared host root left half made is bound anew before a container uses it")
    void halfMadeHostRootIsRedone() throws Exception {
        FakeHost host = new FakeHost(tmp);
        Path shared = Files.createDirectories(host.paths.hostRoot());
        host.pins.halfMounted.add(shared);
        assertTrue(host.up(chain()).ok());
        assertEquals(List.of(shared), List.copyOf(host.pins.mounted));
        assertTrue(host.pins.halfMounted.isEmpty(), "the half-made bind was unmounted");
    }

    @Test
    @DisplayName("a start that waits for more than its creation keeps the created state in between: create, then start")
    void createAndStartStaySeparateWhenTheStartWaitsForMore() throws Exception {
        FakeHost host = new FakeHost(tmp);
        Stack stack = Stacks.named("demo").service("h", "host").service("g", "host").build();
        Project p = host.project(stack);
        List<Action> planned = p.planner().up(p.observe(), List.of()).actions();
        List<Action> actions = new ArrayList<>();
        for (Action a : planned) {
            if (a instanceof Action.Start start && start.container().equals("demo-h-1")) {
                List<Integer> waits = new ArrayList<>(start.waitsFor());
                planned.stream().filter(o -> o.target().equals("demo-g-1") && o.verb().equals("start"))
                        .forEach(o -> waits.add(o.id()));
                a = new Action.Start(start.id(), start.service(), start.container(), start.netns(),
                        start.cause(), List.copyOf(waits));
            }
            actions.add(a);
        }
        Executor.Result result = p.apply(new Plan(actions));
        assertTrue(result.ok(), () -> result.failures().toString());
        assertEquals(List.of("create demo-h-1", "run demo-g-1", "start demo-h-1"),
                host.runtime.calls.stream().sorted().toList());
        assertEquals("running", host.runtime.state("demo-h-1").orElseThrow().status());
    }

    @Test
    @DisplayName("a container that ends while its namespace is checked has exited; one still running fails the check")
    void endingDuringTheNamespaceCheckIsNoFailure() throws Exception {
        FakeHost host = new FakeHost(tmp);
        Stack stack = Stacks.named("demo").service("h", "host").build();
        host.verifier = (c, pid, netns) -> {
            host.runtime.exit(c);
            throw new RuntimeFailure("stat(\"/proc/" + pid + "/ns/net\"): No such file");
        };
        assertTrue(host.up(stack).ok());
        assertEquals("stopped", host.runtime.state("demo-h-1").orElseThrow().status(), "kept, as a one-shot is");

        FakeHost other = new FakeHost(tmp.resolve("other"));
        other.verifier = (c, pid, netns) -> {
            throw new RuntimeFailure("container " + c + " is in network namespace net:[1]");
        };
        Executor.Result failed = other.up(stack);
        assertEquals(List.of("container demo-h-1 is in network namespace net:[1]"),
                failed.failures().stream().map(Executor.Failure::message).toList());
        assertTrue(other.runtime.state("demo-h-1").isEmpty(), "a container in the wrong namespace is removed");
    }

    @Test
    @DisplayName("a container whose links are gone while it still reads as running (it is exiting) has exited")
    void exitingWhileStillRunningIsNoFailure() throws Exception {
        FakeHost host = new FakeHost(tmp);
        Stack stack = Stacks.named("demo").service("h", "host").build();
        AtomicInteger checks = new AtomicInteger();
        host.verifier = (c, pid, netns) -> {
            if (checks.incrementAndGet() > 1) {
                host.runtime.exit(c);
            }
            throw new RuntimeFailure("stat(\"/proc/" + pid + "/ns/net\"): No such file");
        };
        Executor.Result result = host.up(stack);
        assertTrue(result.ok(), () -> result.failures().toString());
        assertEquals(2, checks.get(), "checked again once the first check found it running");
        assertEquals("stopped", host.runtime.state("demo-h-1").orElseThrow().status());
    }

    @Test
    @DisplayName("an apply reads the mount table for the shared host root once; the next apply reads it again")
    void hostRootCheckedOncePerApply() throws Exception {
        FakeHost host = new FakeHost(tmp);
        assertTrue(host.up(chain()).ok());
        assertEquals(1, host.pins.hostRootChecks.get(), "four containers, one check");
        Path shared = host.paths.hostRoot();
        host.pins.mounted.remove(shared);
        Stack more = Stacks.named("demo").service("a", "none").service("b", "service:a").service("c", "service:b")
                .service("h", "host").service("g", "host").build();
        assertTrue(host.up(more).ok());
        assertEquals(2, host.pins.hostRootChecks.get());
        assertTrue(host.pins.mounted.contains(shared), "found gone and bound again");
    }

    @Test
    @DisplayName("a container its creation started is checked with the pid the runtime gave, its state not read again")
    void startedAtCreationIsCheckedWithItsPid() throws Exception {
        FakeHost host = new FakeHost(tmp);
        List<Integer> checked = java.util.Collections.synchronizedList(new ArrayList<>());
        host.verifier = (c, pid, netns) -> checked.add(pid);
        Stack stack = Stacks.named("demo").service("g", "host").service("h", "host").build();
        assertTrue(host.up(stack).ok());
        assertEquals(List.of("run demo-g-1", "run demo-h-1"), host.runtime.calls.stream().sorted().toList());
        assertEquals(2, host.runtime.stateReads.get(), "one read per container, before its creation");
        List<Integer> pids = new ArrayList<>();
        for (String c : List.of("demo-g-1", "demo-h-1")) {
            pids.add(host.runtime.state(c).orElseThrow().pid());
        }
        // The two run at once, so either may have the first pid: compared as sorted lists.
        assertEquals(pids.stream().sorted().toList(), checked.stream().sorted().toList());
    }
}
