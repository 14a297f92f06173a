package io.pilu.ingest.listing;

/**
 * A listing response whose shape is not the documented contract ({@code docs/bse-contract.md}): not JSONP, a
 * missing key, a wrong type, or {@code status != 0}. The crawler fails the poll loudly on it (error log + metric)
 * and does not move its checkpoint, so nothing past the bad page is published on a guess.
 */
public class ListingSchemaException extends Exception {

    private static final long serialVersionUID = 1L;

    public ListingSchemaException(String message) {
        super(message);
    }

    public ListingSchemaException(String message, Throwable cause) {
        super(message, cause);
    }
}
