package io.pilu.ingest.document;

/**
 * A document whose text could not be extracted, with a reason a person can act on (it ends up in a raw record's
 * {@code extractionError}).
 */
public final class DocumentExtractionException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why extraction failed; lets the crawler tell "not attempted" from "failed". */
    public enum Kind {
        /** No extractor for this file type (e.g. docx): not attempted. */
        UNSUPPORTED_TYPE,
        /** The bytes are not a readable document of the declared type (corrupt, truncated, wrong type). */
        UNREADABLE,
        /** The document needs a password. */
        ENCRYPTED,
        /** The document opened but has no text layer (e.g. a scanned image PDF). */
        NO_TEXT,
        /**
         * Reading it would cost more than the {@link ExtractionBudget} allows (glyphs or operators on a page, a
         * stream's decoded size, HTML size, time): the message starts with {@code TEXT_BUDGET_EXCEEDED}.
         */
        TEXT_BUDGET_EXCEEDED
    }

    private final Kind kind;

    public DocumentExtractionException(Kind kind, String reason, Throwable cause) {
        super(reason, cause);
        this.kind = kind;
    }

    public DocumentExtractionException(Kind kind, String reason) {
        this(kind, reason, null);
    }

    public Kind kind() {
        return kind;
    }
}
