package dev.jstack.spec;

import java.util.List;

/** The stack files could not be loaded; carries every problem found, sorted by position. */
public final class InvalidStackException extends Exception {

    private final List<Diagnostic> diagnostics;

    public InvalidStackException(List<Diagnostic> diagnostics) {
        super(render(diagnostics));
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    private static String render(List<Diagnostic> diagnostics) {
        StringBuilder sb = new StringBuilder();
        for (Diagnostic d : diagnostics) {
            if (sb.length() > 0) sb.append('\n');
            sb.append(d);
        }
        return sb.toString();
    }
}
