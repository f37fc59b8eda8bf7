package dev.jstack.cli;

import dev.jstack.apply.ImageResolver;
import dev.jstack.apply.Project;
import dev.jstack.plan.Plan;
import dev.jstack.runtime.image.ImageStore;
import dev.jstack.runtime.linux.LinuxProcessReaper;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jstack up}: makes what runs equal to the file. In the foreground it then shows every service's log
 * with a {@code service | } prefix until the containers end or Ctrl-C stops them all; {@code -d} returns once
 * everything has started.
 */
@Command(name = "up", description = "Create and start the stack's containers.")
public final class UpCommand extends QuickCommand {

    @Option(names = {"-d", "--detach"}, description = "Return once every service has started.")
    boolean detach;

    @Option(names = "--remove-orphans", description = "Remove containers of services that are not in the file.")
    boolean removeOrphans;

    @Mixin
    ApplyOptions apply;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services and what they need.")
    List<String> services = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Invocation run = run();
        PrintWriter err = run.err();
        Project project = runtime.open(run);
        ImageResolver.requireImages(project.stack(), ImageStore.root(run.root().environment()));
        if (detach) {
            apply.holding(run, project, () -> detached(run, project));
            return ExitCode.OK;
        }
        // In the foreground this process supervises: the containers it creates become its children.
        LinuxProcessReaper.shared().becomeSubreaper();
        Map<String, Long> offsets = LogTail.sizes(project, project.stack().services().keySet());
        apply.apply(run, project, p -> {
            Plan plan = p.planner().up(p.observe(), services, removeOrphans);
            UserStops.lift(p, plan, services);
            return plan;
        });
        return new Foreground(project, run.out(), err).run(offsets);
    }

    // The project's supervisor creates the containers, so that they are its descendants and it reaps them.
    private Object detached(Invocation run, Project project) throws Exception {
        if (Supervised.nothingToDo(run, runtime, project, services, removeOrphans)) {
            return null;
        }
        List<String> words = new ArrayList<>(services);
        if (removeOrphans) {
            words.add(0, "--remove-orphans");
        }
        return Supervised.send(run, runtime, apply, project, "up", words);
    }
}
