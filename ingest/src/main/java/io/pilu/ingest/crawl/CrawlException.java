package io.pilu.ingest.crawl;

/** A pass that failed (listing unusable on every endpoint, or publishing failed); its state did not move. */
public final class CrawlException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean fatal;

    public CrawlException(String message, Throwable cause, boolean fatal) {
        super(message, cause);
        this.fatal = fatal;
    }

    /** Whether retrying cannot help (e.g. this crawler was fenced by a newer instance). */
    public boolean fatal() {
        return fatal;
    }
}
