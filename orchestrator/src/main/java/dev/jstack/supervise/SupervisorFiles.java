package dev.jstack.supervise;

import dev.jstack.state.ProjectPaths;
import java.nio.file.Path;

/** Owns the names of one project's supervisor files under /run/jstack/PROJECT/supervisor and its log. */
public record SupervisorFiles(Path dir, Path log, String project) {

    public static SupervisorFiles of(ProjectPaths paths) {
        return new SupervisorFiles(paths.supervisorDir(), paths.supervisorLog(), paths.project());
    }

    public Path pidFile() {
        return dir.resolve("pid");
    }

    public Path socket() {
        return dir.resolve("sock");
    }

    public Path status() {
        return dir.resolve("status.json");
    }

    /** The services stopped by {@code jstack stop}, one a line: see {@link StoppedServices}. */
    public Path stopped() {
        return dir.resolve("stopped");
    }

    /** The command line that started the supervisor, so that any later command can start it again. */
    public Path launch() {
        return dir.resolve("launch.json");
    }

    /** What the supervisor keeps across a rest: see {@link RestState}. */
    public Path restState() {
        return dir.resolve("rest");
    }

    /** The stack as the supervisor last applied it, which it loads when it wakes from rest. */
    public Path stackSnapshot() {
        return dir.resolve("stack.json");
    }
}
