package dev.jstack.apply;

import static dev.jstack.apply.ReconcileRulesTest.other;
import static dev.jstack.apply.ReconcileRulesTest.up;

import dev.jstack.apply.ReconcileRulesTest.Rule;
import dev.jstack.spec.Stack;
import dev.jstack.testing.LabPlans;
import dev.jstack.testing.Stacks;
import java.util.List;

/** The rows of {@link ReconcileRulesTest} that need more than a line: each rule with its golden plan. */
final class RulesTable {
    private RulesTable() {
    }

    static Rule ownerEnvironmentChanged(Stack lab) {
        Stack after = Stacks.named("demo").add(ReconcileRulesTest.withEnv(lab.services().get("a"), "MODE", "fast"))
                .service("b", "service:a").service("c", "service:b").service("h", "host").build();
        return new Rule("an owner recreated in the same network keeps its pin; its joiners are untouched", lab,
                ReconcileRulesTest.none(), after, up(false), """
                1 stop demo-a-1: config changed: environment
                2 remove demo-a-1: config changed: environment (after 1)
                3 create demo-a-1: config changed: environment (after 2)
                4 start demo-a-1: config changed: environment (after 3)
                """, List.of("demo-a-1"));
    }

    static Rule ownerNowHost(Stack lab) {
        Stack after = Stacks.named("demo").service("a", "host").service("b", "service:a").service("c", "service:b")
                .service("h", "host").build();
        return new Rule("an owner now host replaces its pin and every container in it, dependents first", lab,
                ReconcileRulesTest.none(), after, up(false), """
                1 stop demo-c-1: pin replaced: owner a now host
                2 remove demo-c-1: pin replaced: owner a now host (after 1)
                3 stop demo-b-1: pin replaced: owner a now host (after 1)
                4 remove demo-b-1: pin replaced: owner a now host (after 3)
                5 stop demo-a-1: pin replaced: owner a now host (after 3)
                6 remove demo-a-1: pin replaced: owner a now host (after 5)
                7 create demo-a-1: pin replaced: owner a now host (after 6)
                8 start demo-a-1: pin replaced: owner a now host (after 7)
                9 create demo-b-1: pin replaced: owner a now host (after 4, 8)
                10 start demo-b-1: pin replaced: owner a now host (after 9)
                11 create demo-c-1: pin replaced: owner a now host (after 2, 10)
                12 start demo-c-1: pin replaced: owner a now host (after 11)
                13 remove-pin jstack-demo-a: owner a now host (after 2, 4, 6)
                """, List.of("demo-a-1", "demo-b-1", "demo-c-1"));
    }

    static Rule ownerRemoved() {
        Stack before = Stacks.named("demo").service("a", "none").service("b", "service:a").service("c", "service:b")
                .build();
        Stack after = Stacks.named("demo").service("b", "none").service("c", "service:b").build();
        return new Rule("an owner removed from the file replaces its pin; its joiners move to their new one", before,
                ReconcileRulesTest.none(), after, up(true), """
                1 stop demo-a-1: orphan: service a is not in the file
                2 remove demo-a-1: orphan: service a is not in the file (after 1)
                3 stop demo-c-1: pin replaced: owner a removed
                4 remove demo-c-1: pin replaced: owner a removed (after 3)
                5 stop demo-b-1: pin replaced: owner a removed (after 3)
                6 remove demo-b-1: pin replaced: owner a removed (after 5)
                7 create-pin jstack-demo-b: new
                8 create demo-b-1: pin replaced: owner a removed (after 6, 7)
                9 start demo-b-1: pin replaced: owner a removed (after 8)
                10 create demo-c-1: pin replaced: owner a removed (after 4, 7, 9)
                11 start demo-c-1: pin replaced: owner a removed (after 10)
                12 remove-pin jstack-demo-a: owner a removed (after 2, 4, 6)
                """, List.of("demo-a-1", "demo-b-1", "demo-c-1"));
    }

    static Rule ownerExited(Stack lab) {
        return new Rule("an owner that exited is recreated in its pin; its joiners are untouched", lab,
                host -> host.runtime.exit("demo-a-1"), lab, up(false), """
                1 remove demo-a-1: container stopped
                2 create demo-a-1: container stopped (after 1)
                3 start demo-a-1: container stopped (after 2)
                """, List.of());
    }

    static Rule vanished(Stack lab) {
        return new Rule("a container that vanished from the runtime is cleaned up and recreated", lab,
                host -> host.runtime.vanish("demo-h-1"), lab, up(false), """
                1 remove demo-h-1: container vanished
                2 create demo-h-1: container vanished (after 1)
                3 start demo-h-1: container vanished (after 2)
                """, List.of());
    }

    static Rule createdOnly(Stack lab) {
        return new Rule("a container created but never started is only started", lab, host -> {
            var spec = host.runtime.spec("demo-h-1");
            host.runtime.vanish("demo-h-1");
            host.runtime.create(spec, host.paths.logFile("demo-h-1"));
        }, lab, up(false), """
                1 start demo-h-1: container created
                """, List.of());
    }

    static Rule pinVanished(Stack lab) {
        return new Rule("a pin that vanished is made again and every container in it is replaced", lab,
                host -> host.pins.remove(host.paths.pin("a")), lab, up(false), LabPlans.PIN_VANISHED,
                List.of("demo-a-1", "demo-b-1", "demo-c-1"));
    }

    static Rule restartOwner(Stack lab) {
        return new Rule("restart of an owner replaces only its container, in the same pin", lab,
                ReconcileRulesTest.none(), lab, other((p, o) -> p.restart(o, List.of("a"))), """
                1 stop demo-a-1: restart
                2 remove demo-a-1: restart (after 1)
                3 create demo-a-1: restart (after 2)
                4 start demo-a-1: restart (after 3)
                """,
                List.of("demo-a-1"));
    }

    static Rule stopJoiner(Stack lab) {
        return new Rule("stop of a service stops its container and nothing else", lab, ReconcileRulesTest.none(), lab,
                other((p, o) -> p.stop(o, List.of("b"), null)), """
                1 stop demo-b-1: stopping
                """, List.of("demo-b-1"));
    }

    static Rule startStopped(Stack lab) {
        return new Rule("start makes a stopped container run again and leaves running ones alone", lab,
                host -> host.runtime.exit("demo-b-1"), lab, other((p, o) -> p.start(o, List.of("c"))), """
                1 remove demo-b-1: start
                2 create demo-b-1: start (after 1)
                3 start demo-b-1: start (after 2)
                """,
                List.of());
    }

}
