package dev.jstack.testing;

/**
 * Owns golden plans that the planner's tests and the reconciler's rules both expect, so that one text says what
 * the plan is and both layers are held to it.
 */
public final class LabPlans {

    /**
     * The lab {@code a: none}, {@code b: service:a}, {@code c: service:b} running, whose pin of {@code a}
     * vanished: the chain is stopped and removed from its end, the pin made again, and the chain made anew from
     * its owner. Services outside the pin are left alone.
     */
    public static final String PIN_VANISHED = """
            1 stop demo-c-1: pin replaced: jstack-demo-a vanished
            2 remove demo-c-1: pin replaced: jstack-demo-a vanished (after 1)
            3 stop demo-b-1: pin replaced: jstack-demo-a vanished (after 1)
            4 remove demo-b-1: pin replaced: jstack-demo-a vanished (after 3)
            5 stop demo-a-1: pin replaced: jstack-demo-a vanished (after 3)
            6 remove demo-a-1: pin replaced: jstack-demo-a vanished (after 5)
            7 create-pin jstack-demo-a: pin vanished
            8 create demo-a-1: pin replaced: jstack-demo-a vanished (after 6, 7)
            9 start demo-a-1: pin replaced: jstack-demo-a vanished (after 8)
            10 create demo-b-1: pin replaced: jstack-demo-a vanished (after 4, 7, 9)
            11 start demo-b-1: pin replaced: jstack-demo-a vanished (after 10)
            12 create demo-c-1: pin replaced: jstack-demo-a vanished (after 2, 7, 11)
            13 start demo-c-1: pin replaced: jstack-demo-a vanished (after 12)
            """;

    private LabPlans() {
    }
}
