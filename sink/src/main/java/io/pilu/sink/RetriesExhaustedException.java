package io.pilu.sink;

/**
 * A batch still failed after {@link RetryPolicy#maxRetries()}: the sink stops without committing the batch's
 * offsets, so the records are read again when it is restarted.
 */
public final class RetriesExhaustedException extends Exception {

    private static final long serialVersionUID = 1L;

    public RetriesExhaustedException(String message, Throwable cause) {
        super(message, cause);
    }
}
