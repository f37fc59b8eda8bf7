package dev.jstack.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jstack.plan.Plan;
import dev.jstack.plan.PlanException;
import dev.jstack.plan.Planner;
import dev.jstack.spec.Service;
import dev.jstack.spec.Stack;
import dev.jstack.state.Observed;
import dev.jstack.state.ObservedContainer;
import dev.jstack.testing.Stacks;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reconciler's rules, one row each, against the fake runtime: a stack is brought up, disturbed, then planned
 * with another (or the same) stack. The plan's text is compared with golden text; the plan is then applied and the
 * containers whose pid changed are compared with those the rule may touch, and after an {@code up} a second
 * {@code up} must plan nothing.
 */
class ReconcileRulesTest {
    @TempDir
    Path tmp;

    /** One rule: what ran, what happened to it, what is asked, the plan and the containers it replaces. */
    record Rule(String name, Stack before, Disturbance disturb, Stack after, Command command, String plan,
                List<String> touched) {
        @Override public String toString() { return name; }
    }

    @FunctionalInterface
    interface Disturbance {
        void apply(FakeHost host) throws Exception;
    }

    @FunctionalInterface
    interface Command {
        Plan plan(Planner planner, Observed observed) throws PlanException;

        default boolean converges() { return true; }
    }

    /** An {@code up} command; converging ones must leave nothing to do. */
    static Command up(boolean removeOrphans) {
        return (p, o) -> p.up(o, List.of(), removeOrphans);
    }

    /** A command after which a second {@code up} may still have work (start, stop, restart). */
    static Command other(Command command) {
        return new Command() {
            @Override public Plan plan(Planner p, Observed o) throws PlanException { return command.plan(p, o); }
            @Override public boolean converges() { return false; }
        };
    }

    // a (none) <- b (service:a) <- c (service:b); h (host).
    static Stack lab() {
        return Stacks.named("demo").service("a", "none").service("b", "service:a").service("c", "service:b")
                .service("h", "host").build();
    }

    static Service withEnv(Service s, String key, String value) {
        Service.Process p = s.process();
        return new Service(s.name(), s.rootfs(), new Service.Process(p.entrypoint(), p.command(),
                new TreeMap<>(Map.of(key, value)), p.workingDir(), p.user(), p.init()), s.network(), s.lifecycle(),
                s.security(), s.resources(), s.volumes(), s.labels(), s.profiles(), s.extensions());
    }

    static Disturbance none() {
        return host -> { };
    }

    static Stream<Rule> rules() {
        Stack lab = lab();
        Stack labPlusX = Stacks.named("demo").service("a", "none").service("b", "service:a").service("c", "service:b")
                .service("h", "host").service("x", "host").build();
        return Stream.of(
                new Rule("an unchanged stack plans nothing and touches no container", lab, none(), lab, up(false),
                        "", List.of()),
                RulesTable.ownerEnvironmentChanged(lab),
                RulesTable.ownerNowHost(lab),
                RulesTable.ownerRemoved(),
                new Rule("an orphan is only warned about without --remove-orphans", labPlusX, none(), lab, up(false),
                        "warning: found orphan containers (demo-x-1) for this project: if you removed or renamed"
                                + " their service in the file, run this command with --remove-orphans to remove"
                                + " them\n", List.of()),
                new Rule("an orphan is stopped and removed with --remove-orphans", labPlusX, none(), lab, up(true), """
                        1 stop demo-x-1: orphan: service x is not in the file
                        2 remove demo-x-1: orphan: service x is not in the file (after 1)
                        """, List.of("demo-x-1")),
                RulesTable.ownerExited(lab),
                RulesTable.vanished(lab),
                RulesTable.createdOnly(lab),
                RulesTable.pinVanished(lab),
                RulesTable.restartOwner(lab),
                RulesTable.stopJoiner(lab),
                RulesTable.startStopped(lab));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void rule(Rule rule) throws Exception {
        FakeHost host = new FakeHost(tmp);
        Executor.Result first = host.up(rule.before());
        assertTrue(first.ok(), () -> first.failures().toString());
        rule.disturb().apply(host);
        Project project = host.project(rule.after());
        Observed before = project.observe();
        Plan plan = rule.command().plan(project.planner(), before);
        String warnings = plan.warnings().stream().map(w -> "warning: " + w + "\n").collect(Collectors.joining());
        assertEquals(rule.plan(), plan + warnings);

        Executor.Result result = project.apply(plan);
        assertTrue(result.ok(), () -> result.failures().toString());
        assertEquals(rule.touched(), touched(before, project.observe()), "containers whose pid changed or went");
        if (rule.command().converges()) {
            assertEquals("", project.planner().up(project.observe(), List.of(), false).toString(),
                    "a second up plans nothing");
        }
    }

    // Containers that ran before and now run with another pid, or are stopped, or no longer exist.
    private static List<String> touched(Observed before, Observed after) {
        return before.containers().values().stream().filter(ObservedContainer::isRunning).filter(c -> {
            ObservedContainer now = after.containers().get(c.id());
            return now == null || now.pid() != c.pid() || !now.isRunning();
        }).map(ObservedContainer::id).toList();
    }
}
