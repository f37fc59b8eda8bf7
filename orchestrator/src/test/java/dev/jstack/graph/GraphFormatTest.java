package dev.jstack.graph;

import static dev.jstack.testing.TestStacks.stack;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jstack.spec.Stack;
import org.junit.jupiter.api.Test;

class GraphFormatTest {

    // Two host services, a chain a <- b <- c, a service alone in its namespace, a path namespace with a joiner.
    private static final Stack LAB = stack("lab")
            .service("proxy", "host", "b")
            .service("monitor", "host")
            .service("a", "none")
            .service("b", "service:a", "a")
            .service("c", "service:b")
            .service("solo", "none", "c")
            .service("probe.v2", "service:lab-ns")
            .service("lab-ns", "ns:/run/netns/lab")
            .build();

    @Test
    void dot() {
        assertEquals("""
                digraph "lab" {
                  node [shape=box];
                  subgraph "cluster_host" {
                    label="host";
                    "monitor" [label="monitor\\nhost"];
                    "proxy" [label="proxy\\nhost"];
                  }
                  subgraph "cluster_netns_a" {
                    label="netns of a";
                    "a" [label="a\\nnone"];
                    "b" [label="b\\nservice:a"];
                    "c" [label="c\\nservice:b"];
                  }
                  subgraph "cluster_netns_lab-ns" {
                    label="netns of lab-ns";
                    "lab-ns" [label="lab-ns\\nns:/run/netns/lab"];
                    "probe.v2" [label="probe.v2\\nservice:lab-ns"];
                  }
                  "solo" [label="solo\\nnone"];
                  "b" -> "a" [label="network_mode"];
                  "c" -> "b" [label="network_mode"];
                  "probe.v2" -> "lab-ns" [label="network_mode"];
                  "proxy" -> "b" [label="depends_on"];
                  "solo" -> "c" [label="depends_on"];
                }
                """, GraphFormat.DOT.render(StackGraph.of(LAB)));
    }

    @Test
    void mermaid() {
        assertEquals("""
                flowchart TB
                  subgraph ns_host["host"]
                    svc_monitor["monitor<br/>host"]
                    svc_proxy["proxy<br/>host"]
                  end
                  subgraph ns_svc_a["netns of a"]
                    svc_a["a<br/>none"]
                    svc_b["b<br/>service:a"]
                    svc_c["c<br/>service:b"]
                  end
                  subgraph ns_svc_lab_ns["netns of lab-ns"]
                    svc_lab_ns["lab-ns<br/>ns:/run/netns/lab"]
                    svc_probe_v2["probe.v2<br/>service:lab-ns"]
                  end
                  svc_solo["solo<br/>none"]
                  svc_b -->|network_mode| svc_a
                  svc_c -->|network_mode| svc_b
                  svc_probe_v2 -->|network_mode| svc_lab_ns
                  svc_proxy -->|depends_on| svc_b
                  svc_solo -->|depends_on| svc_c
                """, GraphFormat.MERMAID.render(StackGraph.of(LAB)));
    }

    @Test
    void mermaidIdsStayUniqueWhenNamesDifferOnlyInPunctuation() {
        Stack stack = stack("s").service("a-b", "none").service("a.b", "none", "a-b").service("end", "none").build();
        assertEquals("""
                flowchart TB
                  svc_a_b["a-b<br/>none"]
                  svc_a_b_2["a.b<br/>none"]
                  svc_end["end<br/>none"]
                  svc_a_b_2 -->|depends_on| svc_a_b
                """, GraphFormat.MERMAID.render(StackGraph.of(stack)));
    }
}
