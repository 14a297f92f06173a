package io.pilu.ingest.crawl;

import io.pilu.ingest.CrawlMetrics;
import io.pilu.ingest.http.BseClient;
import io.pilu.ingest.http.HttpFailureException;
import io.pilu.ingest.listing.Disclosure;
import io.pilu.ingest.listing.ListingEndpoint;
import io.pilu.ingest.listing.ListingPage;
import io.pilu.ingest.listing.ListingSchemaException;
import io.pilu.model.RawAnnouncement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs passes of a {@link Walk}: list a page, fetch the documents the walk wants, publish them with the walk's new
 * state in one transaction, repeat until the walk says stop.
 *
 * <p>Endpoint fallback: when the configured endpoint fails (schema drift, retries exhausted, 404) the pass switches
 * to the other endpoint once and restarts from page 0, because the two endpoints paginate differently (B groups
 * rows): mixing their page numbers could skip items. Already-published ids are skipped by the walk, so the restart
 * costs listing requests only.
 *
 * <p>Stop requests ({@link #requestStop()}, e.g. on SIGTERM) are honoured between documents: a page whose documents
 * are not all fetched is dropped unpublished, one whose documents are fetched is committed first. Never half a page.
 */
public final class Crawler {

    private static final Logger log = LoggerFactory.getLogger(Crawler.class);

    private final BseClient client;
    private final AnnouncementFetcher fetcher;
    private final AnnouncementPublisher publisher;
    private final CrawlMetrics metrics;
    private final ListingEndpoint primary;
    private final boolean fallback;
    private volatile boolean stopRequested;

    public Crawler(BseClient client, AnnouncementFetcher fetcher, AnnouncementPublisher publisher, CrawlMetrics metrics,
                   ListingEndpoint primary, boolean fallback) {
        this.client = client;
        this.fetcher = fetcher;
        this.publisher = publisher;
        this.metrics = metrics;
        this.primary = primary;
        this.fallback = fallback;
    }

    /** Asks the current pass to end at the next safe point. */
    public void requestStop() {
        stopRequested = true;
    }

    public boolean stopRequested() {
        return stopRequested;
    }

    /** One pass of {@code walk}. */
    public PassResult runPass(Walk walk, ProgressListener progress) throws CrawlException, InterruptedException {
        ListingEndpoint endpoint = primary;
        boolean switched = false;
        walk.begin();
        int page = 0;
        int pages = 0;
        int published = 0;
        while (true) {
            if (stopRequested) {
                return new PassResult(pages, published, false, "stop requested");
            }
            ListingPage listing;
            try {
                listing = client.list(endpoint, walk.query(), page);
            } catch (ListingSchemaException | HttpFailureException e) {
                String what = (e instanceof ListingSchemaException ? "listing schema error" : "listing failed")
                        + " on " + endpoint.path() + " page " + page + ": " + e.getMessage();
                progress.onError(what);
                if (fallback && !switched) {
                    log.error("{}; falling back to {} from page 0", what, endpoint.other().path());
                    endpoint = endpoint.other();
                    switched = true;
                    walk.begin();
                    page = 0;
                    continue;
                }
                throw new CrawlException(what, e, false);
            }
            pages++;
            progress.onListingPage(listing);
            listing.items().stream().map(Disclosure::publishDate).max(java.time.LocalDate::compareTo)
                    .ifPresent(metrics::sawPublishDate);
            PageStep step = walk.onPage(listing);
            List<RawAnnouncement> records = new ArrayList<>(step.publish().size());
            for (Disclosure d : step.publish()) {
                if (stopRequested) {
                    log.info("stop requested: dropping page {} unpublished ({} of {} documents fetched); the next "
                            + "run fetches it again", page, records.size(), step.publish().size());
                    return new PassResult(pages, published, false, "stop requested");
                }
                RawAnnouncement record = fetcher.fetch(d);
                progress.onDocument(record);
                records.add(record);
            }
            try {
                publisher.publish(records, walk.stateKey(), step.state());
            } catch (PublishException e) {
                progress.onError(e.getMessage());
                throw new CrawlException("publishing page " + page + " failed: " + e.getMessage(), e, e.fatal());
            }
            walk.commit(step);
            published += records.size();
            metrics.published(records.size());
            progress.onCommitted(records.size());
            if (walk.state() instanceof CrawlCheckpoint c) {
                metrics.checkpoint(c.highWater(), c.seenCount());
            }
            if (step.done()) {
                log.debug("pass complete after {} page(s): {}", pages, step.reason());
                return new PassResult(pages, published, true, step.reason());
            }
            page++;
        }
    }
}
