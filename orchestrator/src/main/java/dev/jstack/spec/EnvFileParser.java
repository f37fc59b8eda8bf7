package dev.jstack.spec;

import dev.jstack.spec.EnvFile.EnvFileException;
import dev.jstack.spec.Interpolation.InterpolationException;
import java.util.LinkedHashMap;
import java.util.function.Function;

/**
 * Owns the reading of one env file's text, statement by statement, for {@link EnvFile}. Positions are kept
 * as offsets into the whole text, because a quoted value may span lines, and turned into line and column
 * only for an error.
 */
final class EnvFileParser {

    private final String text;
    private final Function<String, String> lookup;
    private final LinkedHashMap<String, String> values = new LinkedHashMap<>();
    private int pos;

    EnvFileParser(String text, Function<String, String> lookup) {
        this.text = text;
        this.lookup = lookup;
    }

    LinkedHashMap<String, String> parse() throws EnvFileException {
        while (pos < text.length()) {
            skipBlanks();
            if (pos >= text.length()) {
                break;
            }
            char c = text.charAt(pos);
            if (c == '\n') {
                pos++;
            } else if (c == '#') {
                pos = endOfLine(pos);
            } else {
                statement();
            }
        }
        return values;
    }

    /** Reads {@code [export ]KEY[=VALUE]} and what follows it up to the end of its last line. */
    private void statement() throws EnvFileException {
        if (text.startsWith("export", pos) && pos + 6 < text.length() && isBlank(text.charAt(pos + 6))) {
            pos += 6;
            skipBlanks();
        }
        int lineEnd = endOfLine(pos);
        int equals = text.indexOf('=', pos);
        if (equals < 0 || equals > lineEnd) {
            String key = checkKey(pos, withoutComment(pos, lineEnd));
            values.put(key, null);
            pos = lineEnd;
            return;
        }
        String key = checkKey(pos, equals);
        pos = equals + 1;
        skipBlanks();
        char c = pos < text.length() ? text.charAt(pos) : '\n';
        String value;
        if (c == '\'') {
            value = singleQuoted();
        } else if (c == '"') {
            value = doubleQuoted();
        } else {
            value = unquoted(equals + 1);
        }
        values.put(key, value);
    }

    /** Returns the trimmed key in {@code [from, to)} after checking it, or fails at its first bad character. */
    private String checkKey(int from, int to) throws EnvFileException {
        String key = text.substring(from, to).strip();
        if (key.isEmpty()) {
            throw error("missing variable name before \"=\"", from, "write NAME=VALUE");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean ok = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_'
                    || i > 0 && (c >= '0' && c <= '9' || c == '.' || c == '-');
            if (!ok) {
                throw error("invalid variable name \"" + key + "\"", from + i,
                        "a name starts with a letter or \"_\" and has only letters, digits, \"_\", \".\" and \"-\"");
            }
        }
        return key;
    }

    /** An unquoted value: the rest of the line, without its comment, trimmed, then interpolated. */
    private String unquoted(int valueStart) throws EnvFileException {
        int lineEnd = endOfLine(valueStart);
        int start = pos;
        // max: in "KEY= # note" the comment starts where the value would.
        int end = Math.max(start, withoutComment(valueStart, lineEnd));
        while (end > start && isBlank(text.charAt(end - 1))) {
            end--;
        }
        pos = lineEnd;
        int[] sources = new int[end - start];
        for (int i = 0; i < sources.length; i++) {
            sources[i] = start + i;
        }
        return interpolate(text.substring(start, end), sources);
    }

    private String singleQuoted() throws EnvFileException {
        int open = pos;
        int close = text.indexOf('\'', open + 1);
        if (close < 0) {
            throw error("unterminated single-quoted value", open, "add the closing \"'\"");
        }
        pos = close + 1;
        endOfQuotedValue();
        return text.substring(open + 1, close);
    }

    /** A double-quoted value: escapes resolved first, then interpolated, each character keeping its source. */
    private String doubleQuoted() throws EnvFileException {
        int open = pos++;
        StringBuilder raw = new StringBuilder();
        int[] sources = new int[text.length() - open];
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated double-quoted value", open, "add the closing '\"'");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                break;
            }
            String unescaped = String.valueOf(c);
            if (c == '\\' && pos + 1 < text.length()) {
                unescaped = escape(text.charAt(pos + 1));
            }
            for (int i = 0; i < unescaped.length(); i++) {
                sources[raw.length()] = pos;
                raw.append(unescaped.charAt(i));
            }
            pos += c == '\\' && pos + 1 < text.length() ? 2 : 1;
        }
        pos++;
        endOfQuotedValue();
        return interpolate(raw.toString(), sources);
    }

    /** What {@code \c} stands for; {@code \$} becomes {@code $$} so that interpolation keeps one dollar. */
    private static String escape(char c) {
        return switch (c) {
            case 'n' -> "\n";
            case 'r' -> "\r";
            case 't' -> "\t";
            case '\\' -> "\\";
            case '"' -> "\"";
            case '$' -> "$$";
            default -> "\\" + c;
        };
    }

    /** After a closing quote only blanks and a comment may follow on the line. */
    private void endOfQuotedValue() throws EnvFileException {
        skipBlanks();
        if (pos < text.length() && text.charAt(pos) != '\n' && text.charAt(pos) != '#') {
            throw error("unexpected text after the closing quote", pos,
                    "quote the whole value or start a comment with \"#\"");
        }
        pos = endOfLine(pos);
    }

    private String interpolate(String value, int[] sources) throws EnvFileException {
        try {
            return Interpolation.interpolate(value, this::resolve);
        } catch (InterpolationException e) {
            throw error(e.getMessage(), sources[e.offset()], "");
        }
    }

    /** Keys read so far win over the environment; a bare {@code KEY} line defers to the environment. */
    private String resolve(String name) {
        String own = values.get(name);
        return own != null ? own : lookup.apply(name);
    }

    /** The end of the line's content before a {@code #} that follows a blank. */
    private int withoutComment(int from, int lineEnd) {
        for (int i = from + 1; i < lineEnd; i++) {
            if (text.charAt(i) == '#' && isBlank(text.charAt(i - 1))) {
                return i;
            }
        }
        return lineEnd;
    }

    private int endOfLine(int from) {
        int newline = text.indexOf('\n', from);
        return newline < 0 ? text.length() : newline;
    }

    private void skipBlanks() {
        while (pos < text.length() && isBlank(text.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f';
    }

    private EnvFileException error(String message, int offset, String fix) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        String full = fix.isEmpty() ? message : message + ": " + fix;
        return new EnvFileException(full, line, offset - lineStart + 1);
    }
}
