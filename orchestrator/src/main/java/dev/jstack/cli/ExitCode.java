package dev.jstack.cli;

/** jstack's exit codes (DESIGN.md §6). */
public final class ExitCode {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int INVALID = 2;
    public static final int HOST_NOT_READY = 3;
    /** {@code plan --detailed-exitcode}: changes are pending. */
    public static final int CHANGES_PENDING = 2;

    private ExitCode() {
    }
}
