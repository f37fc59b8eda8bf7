package dev.jstack.spec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.function.Function;

/**
 * Reads a {@code .env} / {@code env_file} file as Compose does: {@code KEY=VALUE} lines, optional
 * {@code export }, comments, single quotes (literal), double quotes (escapes and interpolation), unquoted
 * values (trimmed, {@code " #"} starts a comment). A line {@code KEY} without {@code =} maps to null: the
 * caller takes its value from the environment or drops it.
 */
public final class EnvFile {

    private EnvFile() {
    }

    /** A line that cannot be read; line and column are 1-based. */
    public static final class EnvFileException extends Exception {
        private final int line;
        private final int column;

        public EnvFileException(String message, int line, int column) {
            super(message);
            this.line = line;
            this.column = column;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }
    }

    /**
     * Parses the file in order. Values may refer to variables set earlier in the same file or, through
     * {@code lookup} (null for unset), to the environment.
     */
    public static LinkedHashMap<String, String> parse(Path file, Function<String, String> lookup)
            throws EnvFileException, java.io.IOException {
        throw new UnsupportedOperationException("not yet");
    }
}
