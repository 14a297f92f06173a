package io.pilu.ingest.http;

import java.io.IOException;

/**
 * A request to the exchange that did not succeed: a non-retryable status (404…), retries exhausted on 429/5xx or
 * I/O errors, or a session handshake that keeps failing.
 */
public final class HttpFailureException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int status;

    /** @param status the last HTTP status, or -1 when the last attempt failed without a response */
    public HttpFailureException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
