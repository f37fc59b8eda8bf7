package dev.jstack.runtime;

/** The host cannot run containers (not root, no OCI runtime, a missing kernel feature); says what to do. */
public final class HostNotReadyException extends RuntimeFailure {
    public HostNotReadyException(String message) {
        super(message);
    }
}
