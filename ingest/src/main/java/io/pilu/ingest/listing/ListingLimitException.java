package io.pilu.ingest.listing;

import io.pilu.ingest.Refusal;

/**
 * A listing response refused for what it would cost or for an impossible walk, not for its shape: a body over
 * {@code --max-listing-bytes}, more rows than {@code --max-listing-rows}, or a page number other than the one asked
 * for. Handled like a schema error (the poll fails, the checkpoint does not move past the page), counted in
 * {@code pilu_crawl_refusals_total{reason}}.
 */
public final class ListingLimitException extends ListingSchemaException {
    private static final long serialVersionUID = 1L;

    private final Refusal reason;

    public ListingLimitException(Refusal reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Refusal reason() {
        return reason;
    }
}
