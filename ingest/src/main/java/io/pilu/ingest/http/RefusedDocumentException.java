package io.pilu.ingest.http;

/** A {@code destFilePath} the crawler will not fetch (see {@link DocumentUrlGuard}). */
public final class RefusedDocumentException extends Exception {

    private static final long serialVersionUID = 1L;

    public RefusedDocumentException(String message) {
        super(message);
    }
}
