package io.pilu.ingest.crawl;

import io.pilu.ingest.Refusal;

/**
 * A listing request that failed or answered something the walk must not take at its word. The pass ends (or, for
 * {@link Kind#FAILED}, the source may fall back to an alternative); the checkpoint stays before it. The crawl loop
 * counts it in one place ({@code Crawler}).
 */
public final class ListingException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong, which decides the metric and whether the crawler may go on. */
    public enum Kind {
        /** Schema drift, retries exhausted, an HTTP error: the next poll tries again. */
        FAILED,
        /** The site blocks the crawler (403, challenge page): the crawler stops until an operator looks. */
        BLOCKED,
        /** An all-null payload where results were expected: a broken channel, not "nothing new". */
        EMPTY_PAYLOAD,
        /** Input refused by a limit; {@link #refusal()} says which. */
        REFUSED
    }

    private final Kind kind;
    private final Refusal refusal;

    private ListingException(String message, Throwable cause, Kind kind, Refusal refusal) {
        super(message, cause);
        this.kind = kind;
        this.refusal = refusal;
    }

    public static ListingException failed(String message, Throwable cause) {
        return new ListingException(message, cause, Kind.FAILED, null);
    }

    public static ListingException blocked(String message, Throwable cause) {
        return new ListingException(message, cause, Kind.BLOCKED, null);
    }

    public static ListingException emptyPayload(String message) {
        return new ListingException(message, null, Kind.EMPTY_PAYLOAD, null);
    }

    /** Refused by {@code refusal}, counted by the crawl loop (not where it was found). */
    public static ListingException refused(Refusal refusal, String message) {
        return new ListingException(message, null, Kind.REFUSED, refusal);
    }

    public Kind kind() {
        return kind;
    }

    /** The limit hit, for {@link Kind#REFUSED}; else null. */
    public Refusal refusal() {
        return refusal;
    }
}
