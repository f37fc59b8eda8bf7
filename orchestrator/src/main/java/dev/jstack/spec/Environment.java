package dev.jstack.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The variables a stack file sees: the process environment first, then the env files ({@code --env-file},
 * else {@code .env} in the project directory when it exists), later files winning over earlier ones. As in
 * Compose, a variable set in the process environment is never overridden by a file.
 */
final class Environment {

    private final Map<String, String> process;
    private final Map<String, String> files;

    private Environment(Map<String, String> process, Map<String, String> files) {
        this.process = process;
        this.files = files;
    }

    static Environment load(LoadOptions options, Path projectDir, Diagnostics out) {
        Map<String, String> process = options.environment() == null ? Map.of() : options.environment();
        Map<String, String> fromFiles = new LinkedHashMap<>();
        List<Path> envFiles = options.envFiles() == null ? List.of() : options.envFiles();
        if (envFiles.isEmpty()) {
            Path dotEnv = projectDir.resolve(".env");
            if (Files.isRegularFile(dotEnv)) {
                read(dotEnv, StackFiles.shown(options, dotEnv), outerFirst(process::get, fromFiles), fromFiles, out);
            }
        } else {
            for (Path p : envFiles) {
                Path file = StackFiles.resolve(options, p);
                if (!Files.isRegularFile(file)) {
                    out.error(new Position(p.toString(), 0, 0), "env file not found", Fixes.ENV_FILE);
                    continue;
                }
                read(file, p.toString(), outerFirst(process::get, fromFiles), fromFiles, out);
            }
        }
        return new Environment(process, fromFiles);
    }

    /** Variables of the process environment, else of the env files read so far. */
    private static Function<String, String> outerFirst(Function<String, String> outer, Map<String, String> files) {
        return name -> {
            String v = outer.apply(name);
            return v != null ? v : files.get(name);
        };
    }

    /**
     * Reads one env file into {@code into}: a line {@code KEY} without a value takes the value {@code lookup}
     * gives (and is dropped when unset); values may refer to variables through {@code lookup}.
     */
    static void read(Path file, String shown, Function<String, String> lookup, Map<String, String> into,
                     Diagnostics out) {
        try {
            for (Map.Entry<String, String> e : EnvFile.parse(file, lookup).entrySet()) {
                String value = e.getValue() != null ? e.getValue() : lookup.apply(e.getKey());
                if (value != null) into.put(e.getKey(), value);
            }
        } catch (EnvFile.EnvFileException e) {
            out.error(new Position(shown, e.line(), e.column()), e.getMessage(), Fixes.ENV_FILE_SYNTAX);
        } catch (IOException e) {
            out.error(new Position(shown, 0, 0), "cannot read the env file: " + e.getMessage(), Fixes.READABLE_FILE);
        }
    }

    /**
     * Reads a service's {@code env_file}: its own earlier lines come first, then the project's variables
     * (so that {@code KEY} alone takes the value from the environment, as in Compose).
     */
    Map<String, String> readServiceFile(Path file, String shown, Diagnostics out) {
        Map<String, String> into = new LinkedHashMap<>();
        read(file, shown, name -> into.containsKey(name) ? into.get(name) : get(name), into, out);
        return into;
    }

    /** The value of a variable, or null when it is unset. */
    String get(String name) {
        return process.containsKey(name) ? process.get(name) : files.get(name);
    }

    Function<String, String> lookup() {
        return this::get;
    }
}
