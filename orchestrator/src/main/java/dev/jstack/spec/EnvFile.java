package dev.jstack.spec;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.function.Function;

/**
 * Reads a {@code .env} / {@code env_file} file as Compose does: {@code KEY=VALUE} lines, optional
 * {@code export }, comments, single quotes (literal), double quotes (escapes and interpolation), unquoted
 * values (trimmed, {@code " #"} starts a comment). A line {@code KEY} without {@code =} maps to null: the
 * caller takes its value from the environment or drops it.
 *
 * <p>A key is a letter or {@code _} followed by letters, digits, {@code _}, {@code .} or {@code -} (dots and
 * dashes because containers read such names, e.g. Java properties). Quoted values may span lines. Double
 * quotes know {@code \n}, {@code \r}, {@code \t}, {@code \\}, {@code \"} and {@code \$}; another backslash
 * stays as written.
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
        return parse(decode(Files.readAllBytes(file)), lookup);
    }

    /** Parses the text of an env file; the same rules as {@link #parse(Path, Function)}. */
    static LinkedHashMap<String, String> parse(String text, Function<String, String> lookup)
            throws EnvFileException {
        String normalized = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return new EnvFileParser(normalized.replace("\r\n", "\n"), lookup).parse();
    }

    private static String decode(byte[] bytes) throws EnvFileException {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(in, out, true);
        if (result.isError()) {
            // The line of a byte in a file that is not text means little to its author; the offset does.
            throw new EnvFileException(String.format("the file is not valid UTF-8: byte 0x%02X at byte offset %d;"
                    + " save it as UTF-8", bytes[in.position()] & 0xff, in.position()), 1, 1);
        }
        return out.flip().toString();
    }
}
