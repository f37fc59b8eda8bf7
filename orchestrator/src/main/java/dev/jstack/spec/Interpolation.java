package dev.jstack.spec;

import java.util.function.Function;

/**
 * Compose's variable interpolation of one string: {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-default}},
 * {@code ${VAR-default}}, {@code ${VAR:?message}}, {@code ${VAR?message}}, {@code ${VAR:+alt}},
 * {@code ${VAR+alt}}, nested defaults, and {@code $$} for a literal dollar.
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
        throw new UnsupportedOperationException("not yet");
    }
}
