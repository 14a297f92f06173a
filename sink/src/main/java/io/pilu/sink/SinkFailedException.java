package io.pilu.sink;

/** The sink stopped because a batch could not be written; nothing of that batch was committed. */
public final class SinkFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SinkFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
