package dev.jstack.runtime;

/**
 * Owns the text of a JSON document written in order, indented by two spaces, one value per line, {@code "name": value}
 * in objects and {@code {}} and {@code []} when empty: the layout config.json has always had. Strings escape what JSON
 * requires (quotes, backslashes, control characters, as {@code \n} or {@code \u001F}) and nothing else. Written by
 * hand rather than through a JSON library's tree and printer: a supervisor writes one per container, and the
 * library's classes, its first writer and their compilation were most of the time of a bundle.
 */
final class PrettyJson {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final int MAX_DEPTH = 32;

    private final StringBuilder out = new StringBuilder(8192);
    private final boolean[] empty = new boolean[MAX_DEPTH];
    private final char[] closers = new char[MAX_DEPTH];
    private int depth;
    private boolean named;

    /** Begins an object as the next value. */
    PrettyJson object() {
        return open('{', '}');
    }

    /** Begins an array as the next value. */
    PrettyJson array() {
        return open('[', ']');
    }

    /** Ends the innermost object or array. */
    PrettyJson end() {
        if (depth == 0) {
            throw new IllegalStateException("no object or array is open");
        }
        char closer = closers[depth];
        boolean wasEmpty = empty[depth];
        depth--;
        if (!wasEmpty) {
            newLine();
        }
        out.append(closer);
        return this;
    }

    /** The name of the next member of the innermost object. */
    PrettyJson name(String name) {
        entry();
        string(name);
        out.append(": ");
        named = true;
        return this;
    }

    /** A string, or {@code null}. */
    PrettyJson value(String value) {
        beforeValue();
        if (value == null) {
            out.append("null");
        } else {
            string(value);
        }
        return this;
    }

    PrettyJson value(long value) {
        beforeValue();
        out.append(value);
        return this;
    }

    PrettyJson value(boolean value) {
        beforeValue();
        out.append(value);
        return this;
    }

    /** A member: {@code "name": value}. */
    PrettyJson field(String name, String value) {
        return name(name).value(value);
    }

    PrettyJson field(String name, long value) {
        return name(name).value(value);
    }

    PrettyJson field(String name, boolean value) {
        return name(name).value(value);
    }

    /** The document written so far. */
    String text() {
        return out.toString();
    }

    private PrettyJson open(char opener, char closer) {
        beforeValue();
        out.append(opener);
        if (++depth >= MAX_DEPTH) {
            throw new IllegalStateException("JSON nested deeper than " + MAX_DEPTH);
        }
        empty[depth] = true;
        closers[depth] = closer;
        return this;
    }

    // A value follows its name in an object, or is an entry of its own in an array (or the document itself).
    private void beforeValue() {
        if (named) {
            named = false;
        } else if (depth > 0) {
            entry();
        }
    }

    private void entry() {
        if (!empty[depth]) {
            out.append(',');
        }
        empty[depth] = false;
        newLine();
    }

    private void newLine() {
        out.append('\n');
        for (int i = 0; i < depth; i++) {
            out.append("  ");
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
