package dev.jstack.cli;

import dev.jstack.apply.Project;
import dev.jstack.plan.Action;
import dev.jstack.plan.Plan;
import dev.jstack.supervise.StoppedServices;
import dev.jstack.supervise.SupervisorFiles;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Lifts the {@code jstack stop} mark of the services a command starts again, so that their supervisor applies
 * their restart policy to them once more. Called under the project's lock, before the plan is applied.
 */
final class UserStops {

    private UserStops() {
    }

    /** Lifts the mark of {@code selected} (empty: every service) and of every service {@code plan} starts. */
    static void lift(Project project, Plan plan, List<String> selected) throws IOException {
        Set<String> named = new TreeSet<>(selected.isEmpty() ? project.stack().services().keySet() : selected);
        plan.actions().stream().filter(a -> a instanceof Action.Start).map(Action::service).forEach(named::add);
        StoppedServices.of(SupervisorFiles.of(project.paths())).remove(named);
    }
}
