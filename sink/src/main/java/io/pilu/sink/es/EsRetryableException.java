package io.pilu.sink.es;

/** Elasticsearch could not take a request now (connection failure, 429, 5xx, auth not yet valid): retry later. */
public final class EsRetryableException extends Exception {

    private static final long serialVersionUID = 1L;
    private final int status;

    public EsRetryableException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** HTTP status, or 0 when no response arrived. */
    public int status() {
        return status;
    }
}
