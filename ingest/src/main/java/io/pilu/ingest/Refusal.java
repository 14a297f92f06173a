package io.pilu.ingest;

import java.util.Locale;

/**
 * Why the crawler refused something the exchange sent: the {@code reason} label of
 * {@code pilu_crawl_refusals_total}. Every refusal is bounded by what the input costs us, not by what it claims
 * (README, "Limits").
 */
public enum Refusal {
    /** A document would cost more than the extraction budget (glyphs, operators, decoded bytes, HTML size, time). */
    TEXT_BUDGET_EXCEEDED,
    /** The crawler died while extracting this document before; it is published as FAILED, not read again. */
    EXTRACTION_CRASHED,
    /** A document over {@code --max-document-bytes}. */
    DOCUMENT_TOO_LARGE,
    /** A response (warm-up, listing or document) not finished within {@code --request-deadline}. */
    REQUEST_DEADLINE,
    /** A listing body over {@code --max-listing-bytes}. */
    LISTING_TOO_LARGE,
    /** A listing page with more rows than {@code --max-listing-rows}. */
    LISTING_TOO_MANY_ROWS,
    /** A listing row dated after tomorrow in exchange time. */
    FUTURE_DATE,
    /** A poll that would read more than {@code --max-pages-per-poll} listing pages. */
    TOO_MANY_PAGES,
    /** A listing page whose number is not the one asked for. */
    PAGE_NOT_ADVANCING,
    /** A redirect to another scheme, host or port. */
    REDIRECT_OFF_ORIGIN,
    /** A poll still running at {@code --poll-deadline}. */
    POLL_DEADLINE,
    /**
     * A cninfo row whose exchange cannot be told from its column and security code: never guessed, the row is not
     * published.
     */
    UNKNOWN_EXCHANGE,
    /**
     * A cninfo query part that cannot be split further (one day, one column, one category) and still reports 3 000
     * records or more, the most the site pages through: the poll fails, the checkpoint stays.
     */
    WINDOW_TOO_LARGE,
    /**
     * The parts a cninfo window was split into report fewer announcements in total than the window itself: some are
     * outside every part (e.g. in a category the crawler does not know); the poll fails, the checkpoint stays.
     */
    SPLIT_INCOMPLETE;

    /** The metric label value, e.g. {@code text_budget_exceeded}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
