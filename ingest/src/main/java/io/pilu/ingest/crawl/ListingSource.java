package io.pilu.ingest.crawl;

import io.pilu.ingest.listing.ListingPage;

/**
 * One site's listing as the crawl loop reads it. With its {@link DocumentSource} and its walks, the only part of a
 * crawl that differs between sources ({@code bse}: bse.cn, {@code cninfo}: cninfo.com.cn); the loop, checkpointing,
 * stop handling, deadlines, page caps, budgets and crash markers are the same code for every source.
 *
 * @param <Q> the source's query type
 */
public interface ListingSource<Q> {

    /** The source's name: its state key, the {@code source} label of its metrics and of its records. */
    String name();

    /** A pass starts (e.g. bse.cn goes back to the configured endpoint). */
    default void beginPass() {}

    /**
     * One listing request, rows mapped to {@link io.pilu.ingest.listing.Disclosure}s of this source. Rows that cannot
     * be mapped are refused here (counted and logged), never guessed.
     *
     * @throws ListingException the request failed, or the answer broke the contract
     */
    ListingPage list(PageRequest<Q> request) throws ListingException, InterruptedException;

    /**
     * After a failed request: whether an alternative (the other bse.cn endpoint) takes over for the rest of the pass.
     * If so the walk restarts from its first page, because alternatives may paginate differently.
     */
    default boolean fallBack(String failure) {
        return false;
    }

    /** How {@code request} is named in logs and errors, e.g. {@code /disclosureInfoPage/companyAnnouncement.do page 3}. */
    String describe(PageRequest<Q> request);
}
