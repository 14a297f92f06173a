package io.pilu.ingest.crawl;

import io.pilu.ingest.listing.ListingFilter;
import io.pilu.ingest.listing.ListingPage;

/**
 * One way of walking the listing newest-first and deciding, page by page, what to publish and when to stop. The
 * decision ({@link #onPage}) is pure; the committed state only moves in {@link #commit}, after the page's records
 * and the new state were committed to Kafka in one transaction, so a crash between the two loses nothing.
 */
public interface Walk {

    /** Key of this walk's state on the crawler-state topic. */
    String stateKey();

    /** Starts a pass from page 0 with the committed state (also after an aborted pass or an endpoint switch). */
    void begin();

    /** The listing query of the current pass; fixed for the whole pass so page numbers stay comparable. */
    ListingFilter query();

    /** What to do with one page of the current pass. Does not change the committed state. */
    PageStep onPage(ListingPage page);

    /** Makes {@code step}'s state the committed one (its records and state are durable). */
    void commit(PageStep step);

    /** The committed state, as written to the state topic. */
    Object state();
}
