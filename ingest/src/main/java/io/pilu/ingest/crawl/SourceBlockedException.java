package io.pilu.ingest.crawl;

/**
 * The site refuses the crawler (403, a challenge page) while it fetches a document: like a blocked listing request,
 * the crawler stops, the page in progress is dropped unpublished and the checkpoint stays.
 */
public final class SourceBlockedException extends Exception {

    private static final long serialVersionUID = 1L;

    public SourceBlockedException(String message, Throwable cause) {
        super(message, cause);
    }
}
