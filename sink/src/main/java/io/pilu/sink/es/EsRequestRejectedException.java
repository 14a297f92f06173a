package io.pilu.sink.es;

/**
 * Elasticsearch refused a whole request with a 4xx that retrying cannot fix (e.g. 413, body too large; 400, a body
 * it cannot read). The batch is split to find the document responsible.
 */
public final class EsRequestRejectedException extends Exception {

    private static final long serialVersionUID = 1L;
    private final int status;

    public EsRequestRejectedException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
