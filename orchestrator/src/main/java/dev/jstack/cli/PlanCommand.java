package dev.jstack.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.jstack.apply.ImageResolver;
import dev.jstack.apply.Project;
import dev.jstack.plan.Action;
import dev.jstack.plan.Plan;
import dev.jstack.runtime.image.ImageStore;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jstack plan}: what {@code up} would do now, one line per action with its target and cause, exactly as
 * {@link Plan#toString()} prints it; changes nothing. With {@code --detailed-exitcode}: 0 in sync, 2 changes
 * pending, 1 any error.
 */
@Command(name = "plan", description = "Show what up would change, without changing anything.")
public final class PlanCommand extends QuickCommand {

    /** The output formats of {@code plan}. */
    enum Format { text, json }

    @Option(names = "--format", paramLabel = "text|json", description = "Output format: text (default) or json.")
    Format format = Format.text;

    @Option(names = "--detailed-exitcode", description = "Exit 0 when in sync, 2 when changes are pending, 1 on error.")
    boolean detailedExitcode;

    @Option(names = "--remove-orphans", description = "Plan the removal of containers of services not in the file.")
    boolean removeOrphans;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services and what they need.")
    List<String> services = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Invocation run = run();
        PrintWriter err = run.err();
        Project project = runtime.open(run);
        ImageResolver.requireImages(project.stack(), ImageStore.root(run.root().environment()));
        Plan plan = project.planner().up(project.observe(), services, removeOrphans);
        plan.warnings().forEach(w -> err.println("jstack: warning: " + w));
        err.flush();
        PrintWriter out = run.out();
        out.print(format == Format.json ? json(plan) : plan.toString());
        out.flush();
        return detailedExitcode && !plan.isEmpty() ? ExitCode.CHANGES_PENDING : ExitCode.OK;
    }

    /** The plan as one JSON document: its actions in order, and its warnings. */
    static String json(Plan plan) throws java.io.IOException {
        List<Map<String, Object>> actions = new ArrayList<>();
        for (Action a : plan.actions()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", a.id());
            row.put("action", a.verb());
            row.put("target", a.target());
            row.put("service", a.service());
            row.put("cause", a.cause());
            row.put("after", a.waitsFor());
            actions.add(row);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("actions", actions);
        doc.put("warnings", plan.warnings());
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc) + "\n";
    }
}
