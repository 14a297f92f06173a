package io.pilu.sink;

/** An enriched record that cannot become an Elasticsearch document; it is dead-lettered with this message. */
public final class DocumentConversionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DocumentConversionException(String message) {
        super(message);
    }
}
