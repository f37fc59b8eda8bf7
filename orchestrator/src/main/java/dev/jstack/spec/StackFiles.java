package dev.jstack.spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the stack files to load and names them in messages. Relative paths are resolved against
 * {@link LoadOptions#workingDir()}, never the JVM's own directory, and a file is shown as the user wrote it.
 */
final class StackFiles {

    static final List<String> DEFAULT_NAMES = List.of("stack.yml", "compose.yaml", "compose.yml",
            "docker-compose.yml");

    /** One file to load: where it is, and how messages name it. */
    record StackFile(Path path, String shown) {
    }

    private StackFiles() {
    }

    /** The files of {@code options}, or the first default name present; problems go to {@code out}. */
    static List<StackFile> find(LoadOptions options, Diagnostics out) {
        List<StackFile> found = new ArrayList<>();
        List<Path> given = options.files() == null ? List.of() : options.files();
        for (Path p : given) {
            Path file = resolve(options, p);
            if (Files.isRegularFile(file)) {
                found.add(new StackFile(file, p.toString()));
            } else {
                out.error(new Position(p.toString(), 0, 0), "stack file not found", Fixes.FILE_NOT_FOUND);
            }
        }
        if (!given.isEmpty()) return found;
        for (String name : DEFAULT_NAMES) {
            Path file = workingDir(options).resolve(name);
            if (Files.isRegularFile(file)) return List.of(new StackFile(file.normalize(), name));
        }
        out.error(Position.NONE, "no stack file in " + workingDir(options) + " (looked for "
                + String.join(", ", DEFAULT_NAMES) + ")", Fixes.NO_STACK_FILE);
        return List.of();
    }

    static Path workingDir(LoadOptions options) {
        Path dir = options.workingDir() == null ? Path.of("") : options.workingDir();
        return dir.toAbsolutePath().normalize();
    }

    static Path resolve(LoadOptions options, Path p) {
        return workingDir(options).resolve(p).normalize();
    }

    /** How to name a file the loader found itself: relative to the working directory when inside it. */
    static String shown(LoadOptions options, Path file) {
        Path dir = workingDir(options);
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(dir) ? dir.relativize(abs).toString() : abs.toString();
    }
}
