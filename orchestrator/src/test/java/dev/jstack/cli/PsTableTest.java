package dev.jstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The table {@code ps} prints: columns as wide as their widest cell plus three blanks, no trailing blanks. */
class PsTableTest {

    @Test
    void columnsAreAsWideAsTheirWidestCell() {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        PsCommand.printTable(out, List.of(
                row("db", "app-db-1", "running", 4242, "none", "/run/netns/jstack-app-db", "healthy", 0),
                row("web", "app-web-1", "missing", 0, "service:db", "/run/netns/jstack-app-db", "none", 12)));
        out.flush();
        assertEquals(""
                + "SERVICE   CONTAINER   STATE     PID    NETWORK_MODE   NETNS                      HEALTH    RESTARTS\n"
                + "db        app-db-1    running   4242   none           /run/netns/jstack-app-db   healthy   0\n"
                + "web       app-web-1   missing   0      service:db     /run/netns/jstack-app-db   none      12\n",
                text.toString());
    }

    private static Map<String, Object> row(String service, String container, String state, int pid, String mode,
                                           String netns, String health, int restarts) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("service", service);
        row.put("container", container);
        row.put("state", state);
        row.put("pid", pid);
        row.put("network_mode", mode);
        row.put("netns", netns);
        row.put("health", health);
        row.put("restarts", restarts);
        return row;
    }
}
