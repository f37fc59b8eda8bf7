package dev.jstack.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jstack.graph.StackGraph;
import dev.jstack.spec.Rootfs;
import dev.jstack.spec.Service;
import dev.jstack.spec.Stack;
import dev.jstack.state.ContainerRecord;
import dev.jstack.state.Observed;
import dev.jstack.state.ObservedContainer;
import dev.jstack.state.PinRecord;
import dev.jstack.state.ProjectPaths;
import dev.jstack.testing.LabPlans;
import dev.jstack.testing.Stacks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PlannerTest {
    private static final ProjectPaths PATHS =
            new ProjectPaths("demo", Path.of("/run/jstack"), Path.of("/var/lib/jstack"), Path.of("/run/netns"));

    // a (none) <- b (service:a) <- c (service:b); h (host); w (host) depends on c.
    private static Stack lab() {
        return Stacks.named("demo").service("a", "none").service("b", "service:a").service("c", "service:b")
                .service("h", "host").service("w", "host", "c").build();
    }

    private static Planner planner(Stack stack) {
        return new Planner(stack, StackGraph.of(stack), PATHS);
    }

    /** Everything of {@code stack} running, recorded with the hashes the planner computes. */
    private static Observed running(Stack stack, String... exceptServices) {
        Planner p = planner(stack);
        SortedMap<String, ObservedContainer> containers = new TreeMap<>();
        SortedMap<String, ContainerRecord> records = new TreeMap<>();
        SortedMap<String, String> pins = new TreeMap<>();
        SortedMap<String, PinRecord> pinRecords = new TreeMap<>();
        int pid = 100;
        for (Service s : stack.services().values()) {
            String id = PATHS.containerId(s.name());
            Netns netns = p.netns(s.name());
            ConfigHash hash = ConfigHash.of(s, netns);
            if (!List.of(exceptServices).contains(s.name())) {
                containers.put(id, new ObservedContainer(id, "running", pid++));
            }
            records.put(s.name(), new ContainerRecord(s.name(), id, hash.value(), hash.parts(),
                    s.network().mode().toString(), netns.path(), p.etcOwner(s.name())));
            if (netns instanceof Netns.Pin pin && pin.owner().equals(s.name())) {
                pins.put(s.name(), pin.path());
                pinRecords.put(s.name(), new PinRecord(s.name(), pin.path()));
            }
        }
        return new Observed(containers, pins, records, pinRecords);
    }

    @Test
    @DisplayName("a fresh up pins the none owner, then creates and starts each service after what it needs")
    void freshUp() throws PlanException {
        assertEquals("""
                1 create-pin jstack-demo-a: new
                2 create demo-a-1: new (after 1)
                3 start demo-a-1: new (after 2)
                4 create demo-b-1: new (after 1, 3)
                5 start demo-b-1: new (after 4)
                6 create demo-c-1: new (after 1, 5)
                7 start demo-c-1: new (after 6)
                8 create demo-h-1: new
                9 start demo-h-1: new (after 8)
                10 create demo-w-1: new (after 7)
                11 start demo-w-1: new (after 10)
                """, planner(lab()).up(Observed.empty(), List.of()).toString());
    }

    @Test
    @DisplayName("up with everything running from the same configuration plans nothing")
    void secondUpPlansNothing() throws PlanException {
        Stack stack = lab();
        assertEquals("", planner(stack).up(running(stack), List.of()).toString());
    }

    @Test
    @DisplayName("a joiner's hash depends on the resolved namespace, not on which service it names")
    void resolvedNamespaceDecides() throws PlanException {
        Stack before = lab();
        Stack after = Stacks.named("demo").service("a", "none").service("b", "service:a").service("c", "service:a")
                .service("h", "host").service("w", "host", "c").build();
        assertEquals("", planner(after).up(running(before), List.of()).toString());
    }

    @Test
    @DisplayName("an exited container is replaced, a vanished one cleaned up and recreated; the others are left alone")
    void exitedAndVanished() throws PlanException {
        Stack stack = lab();
        Observed observed = running(stack, "c");
        SortedMap<String, ObservedContainer> containers = new TreeMap<>(observed.containers());
        containers.put("demo-h-1", new ObservedContainer("demo-h-1", "stopped", 0));
        Observed withExited = new Observed(containers, observed.pins(), observed.records(), observed.pinRecords());
        assertEquals("""
                1 remove demo-h-1: container stopped
                2 remove demo-c-1: container vanished
                3 create demo-c-1: container vanished (after 2)
                4 start demo-c-1: container vanished (after 3)
                5 create demo-h-1: container stopped (after 1)
                6 start demo-h-1: container stopped (after 5)
                """, planner(stack).up(withExited, List.of()).toString());
    }

    @Test
    @DisplayName("a vanished pin is made again and every container in it is replaced")
    void vanishedPin() throws PlanException {
        Stack stack = lab();
        Observed o = running(stack);
        Observed noPin = new Observed(o.containers(), new TreeMap<>(), o.records(), o.pinRecords());
        assertEquals(LabPlans.PIN_VANISHED, planner(stack).up(noPin, List.of()).toString());
    }

    @Test
    @DisplayName("a changed environment replaces only that container, and the cause names the part")
    void configChanged() throws PlanException {
        Stack stack = lab();
        Service h = stack.services().get("h");
        Service changed = new Service(h.name(), h.rootfs(), new Service.Process(null, h.process().command(),
                new TreeMap<>(Map.of("MODE", "fast")), null, null, false), h.network(), h.lifecycle(),
                h.security(), h.resources(), h.volumes(), h.labels(), h.profiles(), h.extensions());
        Stack next = Stacks.named("demo").service("a", "none").service("b", "service:a").service("c", "service:b")
                .add(changed).service("w", "host", "c").build();
        assertEquals("""
                1 stop demo-h-1: config changed: environment
                2 remove demo-h-1: config changed: environment (after 1)
                3 create demo-h-1: config changed: environment (after 2)
                4 start demo-h-1: config changed: environment (after 3)
                """, planner(next).up(running(stack), List.of()).toString());
    }

    @Test
    @DisplayName("up SERVICE also starts what the service needs, and nothing else")
    void selectedServices() throws PlanException {
        assertEquals("""
                1 create-pin jstack-demo-a: new
                2 create demo-a-1: new (after 1)
                3 start demo-a-1: new (after 2)
                4 create demo-b-1: new (after 1, 3)
                5 start demo-b-1: new (after 4)
                """, planner(lab()).up(Observed.empty(), List.of("b")).toString());
    }

    @Test
    @DisplayName("down stops dependents before what they need, removes every container, then the pins")
    void down() {
        Stack stack = lab();
        assertEquals("""
                1 stop demo-w-1: down
                2 remove demo-w-1: down (after 1)
                3 stop demo-h-1: down
                4 remove demo-h-1: down (after 3)
                5 stop demo-c-1: down (after 1)
                6 remove demo-c-1: down (after 5)
                7 stop demo-b-1: down (after 5)
                8 remove demo-b-1: down (after 7)
                9 stop demo-a-1: down (after 7)
                10 remove demo-a-1: down (after 9)
                11 remove-pin jstack-demo-a: down (after 2, 4, 6, 8, 10)
                """, planner(stack).down(running(stack), null).toString());
    }

    @Test
    @DisplayName("down also removes what the file no longer names, first; a foreground stop removes nothing")
    void downOrphansAndStop() {
        Stack stack = lab();
        Observed o = running(stack);
        Stack smaller = Stacks.named("demo").service("a", "none").service("b", "service:a").build();
        Planner p = planner(smaller);
        assertEquals("""
                1 stop demo-c-1: down
                2 remove demo-c-1: down (after 1)
                3 stop demo-h-1: down
                4 remove demo-h-1: down (after 3)
                5 stop demo-w-1: down
                6 remove demo-w-1: down (after 5)
                7 stop demo-b-1: down
                8 remove demo-b-1: down (after 7)
                9 stop demo-a-1: down (after 7)
                10 remove demo-a-1: down (after 9)
                11 remove-pin jstack-demo-a: down (after 2, 4, 6, 8, 10)
                """, p.down(o, Duration.ofSeconds(1)).toString());
        assertEquals("""
                1 stop demo-b-1: stopping
                2 stop demo-a-1: stopping (after 1)
                """, planner(smaller).stop(running(smaller), null).toString());
    }

    @Test
    @DisplayName("images not in the store and services with nothing to run are refused before anything is made")
    void refusedAtPlanTime() {
        Service img = Stacks.service("img", "host", List.of("sleep", "1"), List.of());
        img = new Service(img.name(), new Rootfs.Image("debian:12"), img.process(), img.network(), img.lifecycle(),
                img.security(), img.resources(), img.volumes(), img.labels(), img.profiles(), img.extensions());
        Service idle = Stacks.service("idle", "none", null, List.of());
        Stack stack = Stacks.named("demo").add(img).add(idle).build();
        PlanException e = assertThrows(PlanException.class, () -> planner(stack).up(Observed.empty(), List.of()));
        assertEquals("""
                service idle: nothing to run: set `command:` (or `entrypoint:`), as there is no image to take a \
                default from
                service img: image debian:12 is not in the image store: import it with `jstack image import \
                debian:12 FILE`""",
                e.getMessage());
    }

    @Test
    @DisplayName("a pin whose owner left mode none is removed after the containers in it")
    void stalePin() throws PlanException {
        Stack stack = Stacks.named("demo").service("a", "none").build();
        Observed o = running(stack);
        Stack hostNow = Stacks.named("demo").service("a", "host").build();
        assertEquals("""
                1 stop demo-a-1: pin replaced: owner a now host
                2 remove demo-a-1: pin replaced: owner a now host (after 1)
                3 create demo-a-1: pin replaced: owner a now host (after 2)
                4 start demo-a-1: pin replaced: owner a now host (after 3)
                5 remove-pin jstack-demo-a: owner a now host (after 2)
                """, planner(hostNow).up(o, List.of()).toString());
    }
}
