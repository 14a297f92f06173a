package io.pilu.sink;

/** The sink stopped because a batch could not be written; nothing of that batch was committed. */
public final class SinkFailedException extends RuntimeException {
    public SinkFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
