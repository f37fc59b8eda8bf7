package dev.jstack.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.jstack.apply.Project;
import dev.jstack.state.ContainerRecord;
import dev.jstack.state.Observed;
import dev.jstack.state.ObservedContainer;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.jstack.supervise.SupervisorStatus;
import dev.jstack.supervise.Supervisors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jstack ps}: the project's containers as the runtime sees them, with their network namespaces. */
@Command(name = "ps", description = "List the stack's containers.")
public final class PsCommand extends QuickCommand {

    /** The output formats of {@code ps}. */
    enum Format { table, json }

    @Option(names = "--format", paramLabel = "table|json", description = "Output format: table (default) or json.")
    Format format = Format.table;

    @Override
    public Integer call() throws Exception {
        Invocation run = run();
        PrintWriter err = run.err();
        Project project = runtime.open(run);
        Supervisors supervisors = Supervision.of(project);
        supervisors.reviveIfGone(project.paths().lockFile(), err::println);
        Optional<SupervisorStatus> status = SupervisorStatus.read(supervisors.files().status());
        List<Map<String, Object>> rows = rows(project.observe(), status);
        PrintWriter out = run.out();
        if (format == Format.json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows));
        } else {
            printTable(out, rows);
        }
        out.flush();
        return ExitCode.OK;
    }

    /** One row per recorded container; health and restarts from the supervisor's status, when it has one. */
    static List<Map<String, Object>> rows(Observed observed, Optional<SupervisorStatus> status) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ContainerRecord r : observed.records().values()) {
            ObservedContainer c = observed.container(r.container()).orElse(null);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("service", r.service());
            row.put("container", r.container());
            row.put("state", c == null ? "missing" : c.status());
            row.put("pid", c == null ? 0 : c.pid());
            row.put("network_mode", r.networkMode());
            row.put("netns", r.netns() == null ? "host" : r.netns());
            SupervisorStatus.Service s = status.map(st -> st.services().get(r.service())).orElse(null);
            row.put("health", s == null ? "none" : s.health());
            row.put("restarts", s == null ? 0 : s.restarts());
            rows.add(row);
        }
        return rows;
    }

    static void printTable(PrintWriter out, List<Map<String, Object>> rows) {
        List<String> header = List.of("SERVICE", "CONTAINER", "STATE", "PID", "NETWORK_MODE", "NETNS", "HEALTH",
                "RESTARTS");
        printTable(out, header, rows.stream().map(r -> r.values().stream().map(String::valueOf).toList()).toList());
    }

    /** Columns padded to their widest cell, three spaces apart, no trailing blanks. */
    static void printTable(PrintWriter out, List<String> header, List<List<String>> rows) {
        List<List<String>> lines = new ArrayList<>();
        lines.add(header);
        lines.addAll(rows);
        int[] widths = new int[header.size()];
        lines.forEach(l -> { for (int i = 0; i < l.size(); i++) widths[i] = Math.max(widths[i], l.get(i).length()); });
        for (List<String> l : lines) {
            StringBuilder line = new StringBuilder();
            // Padded by hand: String.format parses its pattern again for every cell (800 of them at N=100).
            for (int i = 0; i < l.size(); i++) {
                String cell = l.get(i);
                line.append(cell);
                if (i < l.size() - 1) {
                    line.append(" ".repeat(widths[i] + 3 - cell.length()));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
