package dev.jstack.spec;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A project directory for loader tests: write files into it, then load them with a chosen environment,
 * profiles and project name. Files are named relative to the directory, which is also the working directory,
 * so messages print them exactly as written here.
 */
final class LoaderFixture {

    final Path dir;
    final Map<String, String> env = new HashMap<>();
    final Set<String> profiles = new TreeSet<>();
    final List<Path> envFiles = new ArrayList<>();
    String projectName = "test";

    LoaderFixture(Path dir) {
        this.dir = dir;
    }

    LoaderFixture write(String name, String text) {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    LoaderFixture write(String name, byte[] bytes) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    LoadOptions options(String... files) {
        return new LoadOptions(List.of(files).stream().map(Path::of).toList(), dir, projectName, envFiles,
                env, profiles);
    }

    LoadResult load(String... files) throws InvalidStackException {
        return StackLoader.load(options(files), List.of());
    }

    Stack stack(String... files) throws InvalidStackException {
        return load(files).stack();
    }

    Service service(String name, String... files) throws InvalidStackException {
        return stack(files).services().get(name);
    }

    /** The text the loader reports for files that must not load. */
    String errors(String... files) {
        return assertThrows(InvalidStackException.class, () -> load(files)).getMessage();
    }

    /** Writes stack.yml with the given text and returns what loading it reports. */
    String errorsOf(String yaml) {
        write("stack.yml", yaml);
        return errors("stack.yml");
    }
}
