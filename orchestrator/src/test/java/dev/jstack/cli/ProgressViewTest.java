package dev.jstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jstack.apply.ProgressEvent;
import dev.jstack.plan.Action;
import dev.jstack.plan.Plan;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProgressViewTest {
    private static final List<ProgressEvent> EVENTS = List.of(
            new ProgressEvent("Network namespace", "jstack-p-a", "a", "Pinning", false),
            new ProgressEvent("Network namespace", "jstack-p-a", "a", "Pinned", true),
            new ProgressEvent("Container", "p-a-1", "a", "Creating", false),
            new ProgressEvent("Container", "p-a-1", "a", "Created", true));

    private static String render(ApplyOptions.ProgressMode mode) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ProgressView view = ProgressView.of(mode, new PrintWriter(out), new PrintWriter(err));
        EVENTS.forEach(view::show);
        view.finish();
        return "out:\n" + out + "err:\n" + err;
    }

    @Test
    @DisplayName("plain shows finished steps on stderr, as compose's plain progress does")
    void plain() {
        assertEquals("""
                out:
                err:
                Network namespace jstack-p-a  Pinned
                Container p-a-1  Created
                """, render(ApplyOptions.ProgressMode.plain));
    }

    @Test
    @DisplayName("json writes one object per event on stdout")
    void json() {
        assertEquals("""
                out:
                {"kind":"netns","name":"jstack-p-a","service":"a","status":"Pinning","done":false}
                {"kind":"netns","name":"jstack-p-a","service":"a","status":"Pinned","done":true}
                {"kind":"container","name":"p-a-1","service":"a","status":"Creating","done":false}
                {"kind":"container","name":"p-a-1","service":"a","status":"Created","done":true}
                err:
                """, render(ApplyOptions.ProgressMode.json));
    }

    @Test
    @DisplayName("tty keeps one line per object and redraws the block in place")
    void terminal() {
        String esc = "\u001b";
        String expected = "out:\nerr:\n"
                + "\r" + esc + "[2K \u280b Network namespace jstack-p-a  Pinning\n"
                + esc + "[1A\r" + esc + "[2K \u2714 Network namespace jstack-p-a  Pinned\n"
                + esc + "[1A\r" + esc + "[2K \u2714 Network namespace jstack-p-a  Pinned\n"
                + "\r" + esc + "[2K \u280b Container p-a-1  Creating\n"
                + esc + "[2A\r" + esc + "[2K \u2714 Network namespace jstack-p-a  Pinned\n"
                + "\r" + esc + "[2K \u2714 Container p-a-1  Created\n";
        assertEquals(expected, render(ApplyOptions.ProgressMode.tty));
    }

    @Test
    @DisplayName("plan --format json lists the actions in plan order with their waits, and the warnings")
    void planJson() throws Exception {
        Plan plan = new Plan(List.of(new Action.CreatePin(1, "a", "jstack-p-a", "/run/netns/jstack-p-a", "new",
                List.of()), new Action.Remove(2, "x", "p-x-1", "orphan: service x is not in the file", List.of(1))),
                List.of("careful"));
        assertEquals("""
                {
                  "actions" : [ {
                    "id" : 1,
                    "action" : "create-pin",
                    "target" : "jstack-p-a",
                    "service" : "a",
                    "cause" : "new",
                    "after" : [ ]
                  }, {
                    "id" : 2,
                    "action" : "remove",
                    "target" : "p-x-1",
                    "service" : "x",
                    "cause" : "orphan: service x is not in the file",
                    "after" : [ 1 ]
                  } ],
                  "warnings" : [ "careful" ]
                }
                """, PlanCommand.json(plan));
    }
}
