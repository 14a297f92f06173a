package io.pilu.ingest.crawl;

import io.pilu.ingest.listing.ListingPage;
import io.pilu.model.RawAnnouncement;

/** Observes a crawl as it goes (the backfill progress bar). Called from the crawling thread. */
public interface ProgressListener {

    /** A listing page was fetched (page numbers restart at 0 on an endpoint switch). */
    default void onListingPage(ListingPage page) {}

    /** A document was fetched, whatever the outcome. */
    default void onDocument(RawAnnouncement record) {}

    /** A page's records were committed. */
    default void onCommitted(int records) {}

    /** Something failed (a listing page, an endpoint) but the crawl may go on. */
    default void onError(String message) {}

    ProgressListener NONE = new ProgressListener() {};
}
