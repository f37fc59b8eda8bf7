package dev.jstack.runtime.image;

import dev.jstack.runtime.RuntimeFailure;

/** An image could not be imported, found or removed; the message says what is wrong and what to do. */
public final class ImageFailure extends RuntimeFailure {
    public ImageFailure(String message) {
        super(message);
    }

    public ImageFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
