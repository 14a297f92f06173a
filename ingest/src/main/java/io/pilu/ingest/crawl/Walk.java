package io.pilu.ingest.crawl;

import io.pilu.ingest.listing.ListingPage;

/**
 * One way of walking a source's listing and deciding, page by page, what to publish and when to stop. The decision
 * ({@link #onPage}) is pure; the committed state only moves in {@link #commit}, after the page's records and the new
 * state were committed to Kafka in one transaction, so a crash between the two loses nothing.
 *
 * @param <Q> the source's query type
 */
public interface Walk<Q> {

    /** Key of this walk's state on the crawler-state topic. */
    String stateKey();

    /** Starts a pass from its first request with the committed state (also after an aborted pass or a fallback). */
    void begin();

    /** The next listing request of the current pass. */
    PageRequest<Q> request();

    /**
     * What to do with the page answering {@link #request()}. Does not change the committed state.
     *
     * @throws ListingException the page cannot be walked on (e.g. an empty payload where results were expected)
     */
    PageStep onPage(ListingPage page) throws ListingException;

    /** Makes {@code step}'s state the committed one (its records and state are durable) and moves to the next request. */
    void commit(PageStep step);

    /** The committed state, as written to the state topic. */
    Object state();
}
