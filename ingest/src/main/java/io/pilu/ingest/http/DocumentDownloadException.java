package io.pilu.ingest.http;

/** A document that could not be downloaded (too big, timed out, HTTP failure); the reason goes in the raw record. */
public final class DocumentDownloadException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the crawler refused the document, when it did; enums are serializable, so the field may stay. */
    private final io.pilu.ingest.Refusal refusal;

    public DocumentDownloadException(String message, Throwable cause) {
        this(message, cause, null);
    }

    public DocumentDownloadException(String message) {
        this(message, null, null);
    }

    /** @param refusal the limit the document ran into, or null for a plain failure */
    public DocumentDownloadException(String message, Throwable cause, io.pilu.ingest.Refusal refusal) {
        super(message, cause);
        this.refusal = refusal;
    }

    /** The limit the document ran into (counted in {@code pilu_crawl_refusals_total}), or null. */
    public io.pilu.ingest.Refusal refusal() {
        return refusal;
    }
}
