package io.pilu.ingest.crawl;

import io.pilu.ingest.CrawlMetrics;
import io.pilu.ingest.Refusal;
import io.pilu.ingest.http.BseClient;
import io.pilu.ingest.http.HttpFailureException;
import io.pilu.ingest.listing.Disclosure;
import io.pilu.ingest.listing.ListingEndpoint;
import io.pilu.ingest.listing.ListingPage;
import io.pilu.ingest.listing.ListingSchemaException;
import io.pilu.model.RawAnnouncement;
import io.pilu.service.LogText;
import java.time.Duration;
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
 *
 * <p>Bounds: a pass reads at most {@code maxPages} listing pages (an endless listing is a {@link CrawlException}
 * naming the cap), and ends with a {@link CrawlException} once it runs past {@code pollDeadline}, checked before
 * each listing request and each document (each request has its own deadline, see {@code BseClient}). Either way the
 * page in progress is dropped unpublished and the high-water mark does not move. Rows dated after tomorrow (exchange
 * time) are refused by the walk and counted here.
 */
public final class Crawler {

    private static final Logger log = LoggerFactory.getLogger(Crawler.class);

    private final BseClient client;
    private final AnnouncementFetcher fetcher;
    private final AnnouncementPublisher publisher;
    private final CrawlMetrics metrics;
    private final ListingEndpoint primary;
    private final boolean fallback;
    private final int maxPages;
    private final Duration pollDeadline;
    private volatile boolean stopRequested;

    /** Without a page cap or a deadline (backfill: a long range is resumable page by page). */
    public Crawler(
            BseClient client,
            AnnouncementFetcher fetcher,
            AnnouncementPublisher publisher,
            CrawlMetrics metrics,
            ListingEndpoint primary,
            boolean fallback) {
        this(client, fetcher, publisher, metrics, primary, fallback, Integer.MAX_VALUE, null);
    }

    /**
     * @param maxPages     listing pages one pass may read
     * @param pollDeadline how long one pass may run, or null for no deadline
     */
    public Crawler(
            BseClient client,
            AnnouncementFetcher fetcher,
            AnnouncementPublisher publisher,
            CrawlMetrics metrics,
            ListingEndpoint primary,
            boolean fallback,
            int maxPages,
            Duration pollDeadline) {
        if (maxPages < 1) {
            throw new IllegalArgumentException("max pages per poll must be at least 1, not " + maxPages);
        }
        this.client = client;
        this.fetcher = fetcher;
        this.publisher = publisher;
        this.metrics = metrics;
        this.primary = primary;
        this.fallback = fallback;
        this.maxPages = maxPages;
        this.pollDeadline = pollDeadline;
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
        long deadline = pollDeadline == null ? Long.MAX_VALUE : System.nanoTime() + pollDeadline.toNanos();
        int page = 0;
        int pages = 0;
        int published = 0;
        while (true) {
            if (stopRequested) {
                return new PassResult(pages, published, false, "stop requested");
            }
            checkDeadline(deadline, progress, page);
            if (pages >= maxPages) {
                metrics.refused(Refusal.TOO_MANY_PAGES);
                String what = "the listing did not end within " + maxPages + " pages (--max-pages-per-poll); "
                        + "the high-water mark stays where it was";
                progress.onError(what);
                throw new CrawlException(what, null, false);
            }
            ListingPage listing;
            try {
                listing = client.list(endpoint, walk.query(), page);
            } catch (ListingSchemaException | HttpFailureException e) {
                String what = (e instanceof ListingSchemaException ? "listing schema error" : "listing failed") + " on "
                        + endpoint.path() + " page " + page + ": " + LogText.escape(e.getMessage());
                progress.onError(what);
                if (fallback && !switched) {
                    log.error(
                            "{}; falling back to {} from page 0",
                            what,
                            endpoint.other().path());
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
            PageStep step = walk.onPage(listing);
            for (Disclosure d : step.refused()) {
                metrics.refused(Refusal.FUTURE_DATE);
                log.warn(
                        "refused announcement {} ({} {}): publish date {} is after tomorrow in exchange time",
                        LogText.escape(d.id()),
                        LogText.escape(d.companyCode()),
                        LogText.escape(d.title()),
                        d.publishDate());
            }
            listing.items().stream()
                    .filter(d -> !step.refused().contains(d))
                    .map(Disclosure::publishDate)
                    .max(java.time.LocalDate::compareTo)
                    .ifPresent(metrics::sawPublishDate);
            List<RawAnnouncement> records = new ArrayList<>(step.publish().size());
            for (Disclosure d : step.publish()) {
                checkDeadline(deadline, progress, page);
                if (stopRequested) {
                    log.info(
                            "stop requested: dropping page {} unpublished ({} of {} documents fetched); the next "
                                    + "run fetches it again",
                            page,
                            records.size(),
                            step.publish().size());
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

    private void checkDeadline(long deadline, ProgressListener progress, int page) throws CrawlException {
        if (System.nanoTime() - deadline > 0) {
            metrics.refused(Refusal.POLL_DEADLINE);
            String what = "poll ran past its deadline of " + pollDeadline.toSeconds() + " s (--poll-deadline) at "
                    + "listing page " + page + "; the page in progress is dropped unpublished";
            progress.onError(what);
            throw new CrawlException(what, null, false);
        }
    }
}
