package io.pilu.ingest.cninfo;

/**
 * cninfo refuses this client: {@code 403}, or an HTML page (an anti-crawler challenge) where JSON is expected. Never
 * retried (contract §6: more requests would only prolong the block); the caller stops the poll, keeps its
 * checkpoint and alerts.
 */
public final class CninfoBlockedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String endpoint;
    private final int status;

    /**
     * @param endpoint the request that was refused ({@code query}, {@code stock_list}, {@code document})
     * @param status   the HTTP status (403, or 200 for a challenge page)
     */
    public CninfoBlockedException(String endpoint, int status, String message, Throwable cause) {
        super(message, cause);
        this.endpoint = endpoint;
        this.status = status;
    }

    public String endpoint() {
        return endpoint;
    }

    public int status() {
        return status;
    }
}
