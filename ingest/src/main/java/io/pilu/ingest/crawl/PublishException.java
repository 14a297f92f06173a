package io.pilu.ingest.crawl;

/** A batch that could not be committed; nothing of it is visible, the walk's state did not move. */
public final class PublishException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean fatal;

    /** @param fatal the publisher cannot go on (fenced by a newer instance, not authorised); stop the crawler */
    public PublishException(String message, Throwable cause, boolean fatal) {
        super(message, cause);
        this.fatal = fatal;
    }

    public boolean fatal() {
        return fatal;
    }
}
