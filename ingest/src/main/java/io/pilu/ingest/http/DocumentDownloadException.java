package io.pilu.ingest.http;

/** A document that could not be downloaded (too big, timed out, HTTP failure); the reason goes in the raw record. */
public final class DocumentDownloadException extends Exception {

    private static final long serialVersionUID = 1L;

    public DocumentDownloadException(String message, Throwable cause) {
        super(message, cause);
    }

    public DocumentDownloadException(String message) {
        super(message);
    }
}
