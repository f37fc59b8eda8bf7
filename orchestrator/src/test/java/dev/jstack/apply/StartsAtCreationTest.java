package dev.jstack.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jstack.plan.Action;
import dev.jstack.plan.Plan;
import dev.jstack.testing.Stacks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartsAtCreationTest {
    @TempDir
    Path tmp;

    private Plan plan() throws Exception {
        Project p = new FakeHost(tmp).project(Stacks.named("demo").service("g", "host").service("h", "host").build());
        return p.planner().up(p.observe(), List.of());
    }

    private static Action.CreateContainer create(Plan plan, String container) {
        return plan.actions().stream().filter(a -> a instanceof Action.CreateContainer && a.target().equals(container))
                .map(Action.CreateContainer.class::cast).findFirst().orElseThrow();
    }

    // The start of h also waits for the start of g, so something may need h in its created state in between.
    private static Plan hWaitsForG(Plan plan) {
        int startOfG = plan.actions().stream().filter(a -> a instanceof Action.Start && a.target().equals("demo-g-1"))
                .findFirst().orElseThrow().id();
        List<Action> actions = new ArrayList<>();
        for (Action a : plan.actions()) {
            if (a instanceof Action.Start s && s.container().equals("demo-h-1")) {
                List<Integer> waits = new ArrayList<>(s.waitsFor());
                waits.add(startOfG);
                a = new Action.Start(s.id(), s.service(), s.container(), s.netns(), s.cause(), List.copyOf(waits));
            }
            actions.add(a);
        }
        return new Plan(actions);
    }

    @Test
    @DisplayName("a creation starts its container when its start waits for that creation alone")
    void startsWhereTheStartFollowsDirectly() throws Exception {
        Plan plan = plan();
        StartsAtCreation starts = new StartsAtCreation();
        starts.read(plan);
        assertTrue(starts.startsAt(create(plan, "demo-g-1")));
        assertTrue(starts.startsAt(create(plan, "demo-h-1")));
        Plan waiting = hWaitsForG(plan);
        starts.read(waiting);
        assertTrue(starts.startsAt(create(waiting, "demo-g-1")));
        assertFalse(starts.startsAt(create(waiting, "demo-h-1")));
    }

    @Test
    @DisplayName("the pid of a container its creation started is handed out once; a forgotten one not at all")
    void pidIsTakenOnce() {
        StartsAtCreation starts = new StartsAtCreation();
        starts.started("demo-g-1", 4242);
        starts.started("demo-h-1", 4343);
        starts.forget("demo-h-1");
        assertEquals(OptionalInt.of(4242), starts.take("demo-g-1"));
        assertEquals(OptionalInt.empty(), starts.take("demo-g-1"));
        assertEquals(OptionalInt.empty(), starts.take("demo-h-1"));
    }
}
