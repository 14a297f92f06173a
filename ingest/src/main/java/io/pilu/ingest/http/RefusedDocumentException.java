package io.pilu.ingest.http;

/** A {@code destFilePath} the crawler will not fetch (see {@link DocumentUrlGuard}). */
public final class RefusedDocumentException extends Exception {

    public RefusedDocumentException(String message) {
        super(message);
    }
}
