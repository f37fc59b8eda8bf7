package dev.jstack.spec;

/**
 * One problem found in a stack file: where, what is wrong, and how to fix it. Printed as
 * {@code file:line:column: error: message} followed by an indented fix line when there is one.
 */
public record Diagnostic(Severity severity, Position position, String message, String fix)
        implements Comparable<Diagnostic> {

    public enum Severity { ERROR, WARNING }

    public static Diagnostic error(Position at, String message, String fix) {
        return new Diagnostic(Severity.ERROR, at, message, fix);
    }

    public static Diagnostic warning(Position at, String message, String fix) {
        return new Diagnostic(Severity.WARNING, at, message, fix);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public int compareTo(Diagnostic o) {
        int c = position.compareTo(o.position);
        return c != 0 ? c : message.compareTo(o.message);
    }

    @Override
    public String toString() {
        String where = position.line() > 0 ? position + ": " : position.file().isEmpty() ? "" : position.file() + ": ";
        String head = where + (isError() ? "error: " : "warning: ") + message;
        return fix == null || fix.isEmpty() ? head : head + "\n  fix: " + fix;
    }
}
