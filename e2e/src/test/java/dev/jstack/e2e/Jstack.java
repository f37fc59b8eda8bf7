package dev.jstack.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the real {@code ./jstack} launcher of this repository on one scenario: its stack file, under its own project
 * name (prefixed {@code e2e-}) so that scenarios never meet, and never meet what a user runs.
 */
class Jstack {
    private final Path stackFile;
    private final String project;

    Jstack(String scenario) {
        this(repository().resolve("e2e/src/test/resources/scenarios").resolve(scenario).resolve("stack.yml"),
                "e2e-" + scenario);
    }

    private Jstack(Path stackFile, String project) {
        this.stackFile = stackFile;
        this.project = project;
    }

    /** Runs a stack file of the repository (a sample) under the given project name. */
    static Jstack forFile(Path stackFile, String project) {
        return new Jstack(stackFile, project);
    }

    /** The repository's root: the parent of the e2e module, which is the tests' working directory. */
    static Path repository() {
        Path cwd = Path.of("").toAbsolutePath();
        Path root = Files.exists(cwd.resolve("jstack")) ? cwd : cwd.getParent();
        if (!Files.isExecutable(root.resolve("jstack"))) {
            throw new AssertionError("no executable ./jstack launcher in " + root);
        }
        return root;
    }

    static Path launcher() {
        return repository().resolve("jstack");
    }

    Path stackFile() {
        return stackFile;
    }

    String project() {
        return project;
    }

    /** The container id of a service: {@code <project>-<service>-1}. */
    String container(String service) {
        return project + "-" + service + "-1";
    }

    /** The pin of a {@code none} owner. */
    String pin(String owner) {
        return "jstack-" + project + "-" + owner;
    }

    Shell.Result run(String... args) {
        return run(Map.of(), args);
    }

    Shell.Result run(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(launcher().toString(), "-f", stackFile().toString(), "-p",
                project));
        command.addAll(List.of(args));
        return Shell.run(command, stackFile().getParent(), env);
    }

    /** The command line of a {@code ./jstack} started in the background (foreground {@code up}). */
    List<String> commandLine(String... args) {
        List<String> command = new ArrayList<>(List.of(launcher().toString(), "-f", stackFile().toString(), "-p",
                project));
        command.addAll(List.of(args));
        return command;
    }

    /** {@code down} that must succeed, quickly (containers that ignore SIGTERM get SIGKILL after 1s). */
    void down() {
        run("down", "-t", "1").expectOk();
    }

    /**
     * A scenario brought up with {@code up -d} before a test class (after a {@code down} of what an earlier,
     * interrupted run may have left) and taken down after it: register it with {@code @RegisterExtension}.
     */
    static final class Up extends Jstack implements BeforeAllCallback, AfterAllCallback {
        Up(String scenario) {
            super(scenario);
        }

        @Override
        public void beforeAll(ExtensionContext context) {
            run("down", "-t", "1");
            run("up", "-d").expectOk();
        }

        @Override
        public void afterAll(ExtensionContext context) {
            down();
        }
    }
}
