package dev.jstack.spec;

/** {@code restart:}: no | always | on-failure[:N] | unless-stopped; maxRetries is 0 for "unlimited". */
public record RestartPolicy(Kind kind, int maxRetries) {

    public enum Kind { NO, ALWAYS, ON_FAILURE, UNLESS_STOPPED }

    public static final RestartPolicy NO = new RestartPolicy(Kind.NO, 0);

    @Override
    public String toString() {
        return switch (kind) {
            case NO -> "no";
            case ALWAYS -> "always";
            case UNLESS_STOPPED -> "unless-stopped";
            case ON_FAILURE -> maxRetries > 0 ? "on-failure:" + maxRetries : "on-failure";
        };
    }
}
