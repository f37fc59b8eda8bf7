package dev.jstack.cli;

import dev.jstack.apply.Executor;
import dev.jstack.apply.Project;
import dev.jstack.plan.Plan;
import dev.jstack.runtime.RuntimeFailure;
import dev.jstack.runtime.linux.RunRootTmpfs;
import dev.jstack.state.ProjectLock;
import dev.jstack.state.ProjectPaths;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options of the commands that change a project ({@code up}, {@code down}, {@code start}, {@code stop},
 * {@code restart}), and the one way they apply a plan: under the project's lock, observed once inside it, safe
 * from Ctrl-C, with progress shown as {@code --progress} says.
 */
public final class ApplyOptions {

    /** How progress is shown: auto picks tty when jstack runs on a terminal, plain otherwise. */
    enum ProgressMode { auto, tty, plain, json }

    /** Plans from one observation taken under the lock. */
    @FunctionalInterface
    interface Planning {
        Plan plan(Project project) throws Exception;
    }

    @Option(names = "--no-wait", description = "Fail at once when another jstack command holds the project's lock.")
    boolean noWait;

    // Defaults are the fields' initial values, which picocli keeps, so that a command QuickLine parses has them too.
    @Option(names = "--progress", paramLabel = "auto|tty|plain|json",
            description = "Progress output: auto (default), tty, plain or json (one object per line on stdout).")
    ProgressMode progress = ProgressMode.auto;

    /**
     * Applies what {@code planning} plans under the lock; its warnings go to stderr. Throws {@link ApplyFailure}
     * when an action failed. {@code after} runs under the same lock once the plan applied.
     */
    Executor.Result apply(Invocation run, Project project, Planning planning, ProjectLock.Body<?> after)
            throws Exception {
        return holding(run, project, () -> applyHeld(run, project, planning, after));
    }

    /** As {@link #apply}, for a caller that already holds the project's lock. */
    Executor.Result applyHeld(Invocation run, Project project, Planning planning, ProjectLock.Body<?> after)
            throws Exception {
        PrintWriter err = run.err();
        ProgressView view = view(run);
        project.reportProgressTo(view::show);
        return Interruptible.run(project, () -> {
            Plan plan = planning.plan(project);
            plan.warnings().forEach(w -> err.println("jstack: warning: " + w));
            err.flush();
            Executor.Result result = project.apply(plan);
            view.finish();
            if (!result.ok()) {
                throw new ApplyFailure(result);
            }
            after.run();
            return result;
        });
    }

    /** Runs {@code body} under the project's lock, waiting for it unless {@code --no-wait}; see {@link #apply}. */
    <T> T holding(Invocation run, Project project, ProjectLock.Body<T> body) throws Exception {
        keepRunRootOnTmpfs(project.paths().runDir());
        return ProjectLock.holding(project.paths().lockFile(), project.paths().project(),
                run.err()::println, !noWait, body);
    }

    // Before the project's lock, which is a file under the root: a tmpfs mounted later would hide it. Only the real
    // root: a tmpfs is the host's run root, not one of a test's folders. Where none can be mounted, the root stays on
    // its file system, as it always could.
    private static void keepRunRootOnTmpfs(Path runDir) {
        if (runDir.getParent().equals(ProjectPaths.RUN_ROOT)) {
            try {
                RunRootTmpfs.prepare(ProjectPaths.RUN_ROOT, runDir);
            } catch (RuntimeFailure | IOException e) {
                // slower, not wrong
            }
        }
    }

    /** The view {@code --progress} asks for. */
    ProgressView view(Invocation run) {
        return ProgressView.of(resolved(), run.out(), run.err());
    }

    Executor.Result apply(Invocation run, Project project, Planning planning) throws Exception {
        return apply(run, project, planning, () -> null);
    }

    ProgressMode resolved() {
        if (progress != ProgressMode.auto) {
            return progress;
        }
        return System.console() != null ? ProgressMode.tty : ProgressMode.plain;
    }
}
