package dev.jstack.spec;

import java.util.Set;
import java.util.function.Function;

/**
 * Compose's variable interpolation of one string: {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-default}},
 * {@code ${VAR-default}}, {@code ${VAR:?message}}, {@code ${VAR?message}}, {@code ${VAR:+alt}},
 * {@code ${VAR+alt}}, nested defaults, and {@code $$} for a literal dollar.
 *
 * <p>The whole text is always checked for syntax, but a default, alternative or message is only looked up
 * when it is used, as in the shell: {@code ${A:-${B:?}}} fails only when A is unset or empty.
 */
public final class Interpolation {

    private Interpolation() {
    }

    /** A malformed expression or a required variable that is missing; {@code offset} indexes the text. */
    public static final class InterpolationException extends Exception {
        private final int offset;

        public InterpolationException(String message, int offset) {
            super(message);
            this.offset = offset;
        }

        public int offset() {
            return offset;
        }
    }

    /** Interpolates {@code text}; {@code lookup} returns null for an unset variable. */
    public static String interpolate(String text, Function<String, String> lookup) throws InterpolationException {
        return interpolate(text, lookup, null);
    }

    /**
     * Interpolates {@code text} and adds to {@code unset} (when not null) every variable that was used
     * without a default and is unset, so that the caller can warn as Compose does.
     */
    public static String interpolate(String text, Function<String, String> lookup, Set<String> unset)
            throws InterpolationException {
        Scanner scanner = new Scanner(text, lookup, unset);
        StringBuilder out = new StringBuilder(text.length());
        scanner.word(out, true, -1);
        return out.toString();
    }

    /** Whether {@code name} is a variable name: {@code [A-Za-z_][A-Za-z0-9_]*}. */
    public static boolean isName(String name) {
        if (name.isEmpty() || !isNameStart(name.charAt(0))) {
            return false;
        }
        return name.chars().allMatch(c -> isNameStart((char) c) || (c >= '0' && c <= '9'));
    }

    private static boolean isNameStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }

    /**
     * Reads the text once, left to right, evaluating as it goes. {@code live} is false inside a branch
     * that is not taken: the branch is still parsed (so errors do not depend on the environment) but
     * nothing is looked up, reported or appended.
     */
    private static final class Scanner {
        private final String text;
        private final Function<String, String> lookup;
        private final Set<String> unset;
        private int pos;

        Scanner(String text, Function<String, String> lookup, Set<String> unset) {
            this.text = text;
            this.lookup = lookup;
            this.unset = unset;
        }

        /**
         * Reads literal text and expressions until the end, or, when {@code open} (the offset of the
         * enclosing {@code $}) is not -1, until the {@code }} that closes it.
         */
        void word(StringBuilder out, boolean live, int open) throws InterpolationException {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '}' && open >= 0) {
                    pos++;
                    return;
                }
                if (c == '$') {
                    dollar(out, live);
                } else {
                    if (live) {
                        out.append(c);
                    }
                    pos++;
                }
            }
            if (open >= 0) {
                throw unterminated(open);
            }
        }

        private void dollar(StringBuilder out, boolean live) throws InterpolationException {
            int start = pos++;
            // A blank stands for the end of the text: like any other character it makes the $ invalid.
            char next = pos < text.length() ? text.charAt(pos) : ' ';
            if (next == '$') {
                pos++;
                if (live) {
                    out.append('$');
                }
            } else if (next == '{') {
                pos++;
                braced(out, live, start);
            } else if (isNameStart(next)) {
                String name = name();
                if (live) {
                    out.append(valueOrEmpty(name));
                }
            } else {
                throw new InterpolationException("invalid interpolation format for \"" + text
                        + "\": put \"$$\" for a literal \"$\"", start);
            }
        }

        private void braced(StringBuilder out, boolean live, int start) throws InterpolationException {
            String name = name();
            if (pos >= text.length()) {
                throw unterminated(start);
            }
            if (!isName(name)) {
                throw new InterpolationException(name.isEmpty()
                        ? "missing variable name after \"${\" in \"" + text + "\""
                        : "invalid variable name \"" + name + "\" in \"" + text
                                + "\": a name is letters, digits and \"_\" and does not start with a digit",
                        start);
            }
            char c = text.charAt(pos);
            if (c == '}') {
                pos++;
                if (live) {
                    out.append(valueOrEmpty(name));
                }
                return;
            }
            boolean colon = c == ':';
            if (colon && pos + 1 == text.length()) {
                throw unterminated(start);
            }
            char op = colon ? text.charAt(pos + 1) : c;
            if (op != '-' && op != '?' && op != '+') {
                throw new InterpolationException("invalid interpolation format for \"" + text
                        + "\": after a variable name \"${\" allows only \"}\", \":-\", \"-\", \":?\", \"?\", "
                        + "\":+\" or \"+\"", start);
            }
            pos += colon ? 2 : 1;
            operator(out, live, start, name, colon, op);
        }

        private void operator(StringBuilder out, boolean live, int start, String name, boolean colon, char op)
                throws InterpolationException {
            String value = live ? lookup.apply(name) : null;
            boolean set = colon ? value != null && !value.isEmpty() : value != null;
            if (op == '?') {
                StringBuilder message = new StringBuilder();
                word(message, live && !set, start);
                if (live && !set) {
                    throw new InterpolationException("required variable " + name + " is missing a value"
                            + (message.length() == 0 ? "" : ": " + message), start);
                }
                if (live) {
                    out.append(value);
                }
                return;
            }
            boolean useWord = op == '-' ? !set : set;
            if (live && !useWord) {
                out.append(value == null ? "" : value);
            }
            word(out, live && useWord, start);
        }

        private String name() {
            int from = pos;
            while (pos < text.length() && isNamePart(text.charAt(pos))) {
                pos++;
            }
            return text.substring(from, pos);
        }

        private String valueOrEmpty(String name) {
            String value = lookup.apply(name);
            if (value == null) {
                if (unset != null) {
                    unset.add(name);
                }
                return "";
            }
            return value;
        }

        private InterpolationException unterminated(int start) {
            return new InterpolationException("unterminated \"${\" in \"" + text + "\": close it with \"}\"", start);
        }
    }
}
