package dev.jstack.cli;

import dev.jstack.apply.Project;
import dev.jstack.supervise.ProgressLines;
import dev.jstack.supervise.SupervisorClient;
import dev.jstack.supervise.Supervisors;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/**
 * Owns how {@code up -d}, {@code start} and {@code restart} have a project's supervisor apply their plan: one
 * request on its socket, started (again) first when it is gone or was started differently, its progress shown
 * here. The supervisor plans and applies, so the containers it creates are its children: it learns their exit
 * codes and applies their restart policies. A project is supervised from its first {@code up -d} until
 * {@code down}, which is what the supervisor's launch file records.
 */
final class Supervised {

    private Supervised() {
    }

    /** Whether the project was brought up with {@code up -d} and not taken down since. */
    static boolean wanted(Project project) {
        return Files.isRegularFile(Supervision.of(project).files().launch());
    }

    /** How {@code start} or {@code restart} plans for the selected services. */
    @FunctionalInterface
    interface Selection {
        dev.jstack.plan.Plan plan(Project project, List<String> services) throws Exception;
    }

    /**
     * What {@code start} and {@code restart} share: load the stack, then plan {@code verb} for {@code services}
     * here, lifting their stop marks, or have the supervisor of a supervised project do it, so that it creates
     * the containers as its children and reaps and restarts them.
     */
    static int selected(Invocation run, RuntimeOptions runtime, ApplyOptions apply, String verb,
                        List<String> services, Selection selection) throws Exception {
        Project project = runtime.open(run);
        applyOrSend(run, runtime, apply, project, verb, services, p -> {
            dev.jstack.plan.Plan plan = selection.plan(p, services);
            UserStops.lift(p, plan, services);
            return plan;
        });
        return ExitCode.OK;
    }

    /**
     * Under the project's lock: has the supervisor run {@code verb} on {@code words} when the project is
     * supervised, and otherwise applies what {@code local} plans in this process.
     */
    static void applyOrSend(Invocation run, RuntimeOptions runtime, ApplyOptions apply, Project project,
                            String verb, List<String> words, ApplyOptions.Planning local) throws Exception {
        apply.holding(run, project, () -> wanted(project)
                ? send(run, runtime, apply, project, verb, words)
                : apply.applyHeld(run, project, local, () -> null));
    }

    /**
     * Whether an {@code up -d} has nothing to do: the supervisor rests, runs as this command would start it, and the
     * plan, made here, is empty. Then no request goes to the supervisor, which would have to wake to make the same
     * plan; one that is awake makes it sooner than this command can, and gets the request. The user's stop marks of
     * the services it names are lifted all the same, as the supervisor lifts them. Called under the project's lock.
     */
    static boolean nothingToDo(Invocation run, RuntimeOptions runtime, Project project, List<String> services,
                               boolean removeOrphans) throws Exception {
        Supervisors supervisors = Supervision.of(project);
        if (!wanted(project) || !supervisors.commandLine().contains(RestingMain.class.getName())
                || !supervisors.runsAs(launch(run, runtime, project))) {
            return false;
        }
        dev.jstack.plan.Plan plan = project.planner().up(project.observe(), services, removeOrphans);
        if (!plan.actions().isEmpty()) {
            return false;
        }
        PrintWriter err = run.err();
        plan.warnings().forEach(w -> err.println("jstack: warning: " + w));
        UserStops.lift(project, plan, services);
        return true;
    }

    /**
     * Sends {@code verb words...} to the project's supervisor, which is started first when it is not running;
     * called under the project's lock, which the supervisor does not take while it answers.
     */
    static SupervisorClient.Answer send(Invocation run, RuntimeOptions runtime, ApplyOptions apply,
                                        Project project, String verb, List<String> words) throws Exception {
        PrintWriter err = run.err();
        Supervisors supervisors = Supervision.of(project);
        Map<String, String> environment = run.root().environment();
        SupervisorClient client = supervisors.ensure(launch(run, runtime, project), err::println,
                launch -> Handoff.process().start(launch, environment, supervisors.files()));
        ProgressView view = apply.view(run);
        String request = verb + String.join("", words.stream().map(w -> " " + w).toList());
        SupervisorClient.Answer answer = client.send(request, line -> show(line, view, err));
        view.finish();
        if (!answer.ok()) {
            throw new SupervisedFailure(answer.text());
        }
        return answer;
    }

    // How this command would start the project's supervisor.
    private static Supervisors.Launch launch(Invocation run, RuntimeOptions runtime, Project project) {
        JstackCommand root = run.root();
        return Supervision.launch(root, project, runtime.runtime(root.environment()), root.workingDir(),
                root.environment());
    }

    // The supervisor sends progress events as JSON, warnings, and other lines to show as they are.
    private static void show(String line, ProgressView view, PrintWriter err) {
        try {
            if (ProgressLines.isEvent(line)) {
                view.show(ProgressLines.decode(line));
                return;
            }
        } catch (IOException e) {
            // Not an event after all: shown as it came.
        }
        if (line.startsWith("warning ")) {
            err.println("jstack: warning: " + line.substring("warning ".length()));
        } else {
            err.println(line.startsWith("progress ") ? line.substring("progress ".length()) : line);
        }
        err.flush();
    }

    /** What the supervisor reported when it could not apply the plan. */
    static final class SupervisedFailure extends Exception {
        SupervisedFailure(String message) {
            super(message);
        }
    }
}
