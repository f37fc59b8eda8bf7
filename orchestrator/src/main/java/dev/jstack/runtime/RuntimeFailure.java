package dev.jstack.runtime;

/** A call to the OCI runtime or the kernel failed; the message names the call, its target and the cause. */
public class RuntimeFailure extends Exception {
    public RuntimeFailure(String message) {
        super(message);
    }

    public RuntimeFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
