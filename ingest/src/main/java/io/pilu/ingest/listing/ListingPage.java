package io.pilu.ingest.listing;

import java.util.List;

/**
 * One page of a listing, newest first.
 *
 * @param items         the announcements on the page (grouped rows of endpoint B are flattened)
 * @param number        0-based page number
 * @param totalPages    pages in the listing for this query
 * @param lastPage      whether this is the last page
 * @param totalElements rows in the listing (endpoint B counts grouped rows)
 */
public record ListingPage(List<Disclosure> items, int number, int totalPages, boolean lastPage, long totalElements) {

    public ListingPage {
        items = List.copyOf(items);
    }
}
