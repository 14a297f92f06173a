package io.pilu.analytics.query;

/** A query with a bad parameter: answered 400 with this message. */
public final class BadRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadRequestException(String message) {
        super(message);
    }
}
