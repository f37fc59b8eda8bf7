package dev.jstack.graph;

import static dev.jstack.testing.TestStacks.stack;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jstack.spec.Diagnostic;
import dev.jstack.spec.Position;
import dev.jstack.spec.SourceMap;
import dev.jstack.spec.Stack;
import java.util.List;
import org.junit.jupiter.api.Test;

class CycleRuleTest {

    private static final Position FILE = new Position("stack.yml", 0, 0);

    private static List<String> messages(Stack stack) {
        return new CycleRule().check(stack, new SourceMap(FILE)).stream().map(Diagnostic::message).toList();
    }

    @Test
    void reportsTheCycleWithEveryEdgeKeyAndAFix() {
        SourceMap sources = new SourceMap(FILE);
        sources.put("services.a", new Position("stack.yml", 2, 3));
        sources.put("services.a.network_mode", new Position("stack.yml", 3, 5));
        Stack stack = stack("s").service("a", "service:b").service("b", "none", "a").build();
        assertEquals("""
                stack.yml:3:5: error: dependency cycle: a -(network_mode)-> b -(depends_on)-> a
                  fix: remove one of these edges: `network_mode: service:b` of `a`, `depends_on: a` of `b`""",
                new CycleRule().check(stack, sources).get(0).toString());
    }

    @Test
    void isPlacedAtTheFirstDependsOnEntryOrElseAtItsService() {
        Stack stack = stack("s").service("a", "none", "b").service("b", "none", "a").build();
        SourceMap sources = new SourceMap(FILE);
        sources.put("services.a", new Position("stack.yml", 2, 3));
        sources.put("services.a.depends_on", new Position("stack.yml", 4, 5));
        sources.put("services.b.depends_on.a", new Position("stack.yml", 9, 9));
        assertEquals(new Position("stack.yml", 2, 3), new CycleRule().check(stack, sources).get(0).position());
        sources.put("services.a.depends_on.b", new Position("stack.yml", 4, 7));
        assertEquals(new Position("stack.yml", 4, 7), new CycleRule().check(stack, sources).get(0).position());
    }

    @Test
    void startsAtTheSmallestNameWhereverTheFileStarts() {
        Stack stack = stack("s").service("c", "none", "a").service("b", "none", "c").service("a", "none", "b").build();
        assertEquals(List.of("dependency cycle: a -(depends_on)-> b -(depends_on)-> c -(depends_on)-> a"),
                messages(stack));
    }

    @Test
    void followsTheSmallestNextServiceThatLeadsBack() {
        // From b the smallest next is c, which only leads back to b: the path must go through d instead.
        Stack stack = stack("s").service("a", "none", "b").service("b", "none", "c", "d")
                .service("c", "none", "b").service("d", "none", "a").build();
        assertEquals(List.of("dependency cycle: a -(depends_on)-> b -(depends_on)-> d -(depends_on)-> a"),
                messages(stack));
    }

    @Test
    void reportsOneErrorPerComponent() {
        Stack stack = stack("s")
                .service("a", "service:b").service("b", "none", "a")
                .service("x", "none", "y").service("y", "service:z").service("z", "none", "x", "y")
                .service("free", "none", "a").build();
        assertEquals(List.of(
                "dependency cycle: a -(network_mode)-> b -(depends_on)-> a",
                "dependency cycle: x -(depends_on)-> y -(network_mode)-> z -(depends_on)-> x"), messages(stack));
    }

    @Test
    void ignoresSelfLoopsAndAcyclicStacks() {
        assertEquals(List.of(), messages(stack("s").service("a", "service:a", "a").service("b", "none", "a").build()));
    }
}
