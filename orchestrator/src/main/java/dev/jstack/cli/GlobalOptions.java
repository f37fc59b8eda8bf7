package dev.jstack.cli;

import dev.jstack.graph.CycleRule;
import dev.jstack.spec.Diagnostic;
import dev.jstack.spec.InvalidStackException;
import dev.jstack.spec.LoadOptions;
import dev.jstack.spec.LoadResult;
import dev.jstack.spec.StackLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options every command accepts, before or after its name, and the one way to load the stack they name:
 * they become {@link LoadOptions} and go through the loader with the graph's cycle rule.
 */
public final class GlobalOptions {

    // Repeatable options are setters that append: picocli starts a fresh list when an inherited option first
    // appears after the subcommand, which would drop the files given before it.
    final List<Path> files = new ArrayList<>();
    final List<Path> envFiles = new ArrayList<>();
    final List<String> profiles = new ArrayList<>();

    @Option(names = {"-p", "--project-name"}, paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "Project name (default: JSTACK_PROJECT_NAME, the file's name:, or the directory's name).")
    String projectName;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Stack file; repeat to merge several (default: stack.yml, compose.yaml, compose.yml,"
                    + " docker-compose.yml).")
    void addFile(Path file) {
        if (file != null) files.add(file);
    }

    @Option(names = "--env-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Environment file for interpolation; repeatable (default: .env in the project directory).")
    void addEnvFile(Path file) {
        if (file != null) envFiles.add(file);
    }

    @Option(names = "--profile", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "Activate a profile; repeatable (also JSTACK_PROFILES).")
    void addProfile(String profile) {
        if (profile != null) profiles.add(profile);
    }

    @Option(names = "--stacktrace", scope = ScopeType.INHERIT, description = "Print Java stack traces of errors.")
    boolean stacktrace;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print what is loaded, and stack traces of errors.")
    boolean debug;

    /** Whether errors should show their Java stack trace. */
    boolean showStackTraces() {
        return stacktrace || debug;
    }

    /**
     * The loader's input. Files stay as the user wrote them: the loader resolves them against {@code workingDir}
     * and names them that way in its messages.
     */
    LoadOptions loadOptions(Path workingDir, Map<String, String> environment) {
        return new LoadOptions(List.copyOf(files), workingDir, projectName, List.copyOf(envFiles),
                Map.copyOf(environment), new TreeSet<>(profiles));
    }

    /** Loads the stack; warnings, and with {@code --debug} what was loaded, go to {@code err}. */
    LoadResult load(Path workingDir, Map<String, String> environment, PrintWriter err) throws InvalidStackException {
        LoadResult result = StackLoader.load(loadOptions(workingDir, environment), List.of(new CycleRule()));
        for (Diagnostic warning : result.warnings()) err.println(warning);
        if (debug) {
            err.println("jstack: debug: project " + result.stack().name() + " in " + result.stack().projectDir());
            result.stack().files().forEach(f -> err.println("jstack: debug: loaded " + f));
        }
        err.flush();
        return result;
    }
}
