package io.pilu.ingest.listing;

import java.util.List;

/**
 * One page of a listing, newest first, whichever source it came from.
 *
 * @param items         the announcements on the page (grouped rows of endpoint B are flattened)
 * @param number        0-based page number
 * @param totalPages    pages in the listing for this query
 * @param lastPage      whether this is the last page
 * @param totalElements rows in the listing (endpoint B counts grouped rows; cninfo: {@code totalAnnouncement}, the
 *                      true number of matches)
 * @param pagedTotal    rows the server will page through: {@code totalElements} for bse.cn, cninfo's
 *                      {@code totalRecordNum}, which the site caps at 3 000
 * @param emptyPayload  the all-null payload cninfo answers for "no results" and, reportedly, when a channel is
 *                      broken: the walk decides whether results were expected
 */
public record ListingPage(
        List<Disclosure> items,
        int number,
        int totalPages,
        boolean lastPage,
        long totalElements,
        long pagedTotal,
        boolean emptyPayload) {

    public ListingPage {
        items = List.copyOf(items);
    }

    /** A page of a listing that pages through all its matches and has no empty-payload form (bse.cn). */
    public ListingPage(List<Disclosure> items, int number, int totalPages, boolean lastPage, long totalElements) {
        this(items, number, totalPages, lastPage, totalElements, totalElements, false);
    }
}
