package io.pilu.analytics.query;

/**
 * The answer cannot be given whole right now (a rebalance, a store restoring, an owner unreachable): answered 503
 * with {@code Retry-After}, never as a partial answer.
 */
public final class UnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnavailableException(String message) {
        super(message);
    }

    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
