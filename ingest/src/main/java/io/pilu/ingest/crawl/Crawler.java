package io.pilu.ingest.crawl;

import io.pilu.ingest.CrawlMetrics;
import io.pilu.ingest.Refusal;
import io.pilu.ingest.listing.Disclosure;
import io.pilu.ingest.listing.ListingPage;
import io.pilu.model.RawAnnouncement;
import io.pilu.service.LogText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs passes of a {@link Walk} over a {@link ListingSource}, the same loop for every source: list a page, fetch the
 * documents the walk wants, publish them with the walk's new state in one transaction, repeat until the walk says
 * stop. A failed listing request may let the source fall back to an alternative once per pass (bse.cn's other
 * endpoint), and the walk restarts from its first request.
 *
 * <p>Stop requests ({@link #requestStop()}, e.g. on SIGTERM) are honoured between documents: a page whose documents
 * are not all fetched is dropped unpublished, one whose documents are fetched is committed first. Never half a page.
 *
 * <p>Bounds: a pass reads at most {@code maxPages} listing pages (an endless listing is a {@link CrawlException}
 * naming the cap), and ends with a {@link CrawlException} once it runs past {@code pollDeadline}, checked before
 * each listing request and each document (each request has its own deadline, see the clients). Either way the
 * page in progress is dropped unpublished and the high-water mark does not move. Rows dated after tomorrow (exchange
 * time) are refused by the walk and counted here. A site that blocks the crawler (403, challenge page) ends the pass
 * with a fatal {@link CrawlException}: the crawler stops instead of hammering it.
 *
 * @param <Q> the source's query type
 */
public final class Crawler<Q> {

    private static final Logger log = LoggerFactory.getLogger(Crawler.class);

    private final ListingSource<Q> source;
    private final AnnouncementFetcher fetcher;
    private final AnnouncementPublisher publisher;
    private final CrawlMetrics metrics;
    private final int maxPages;
    private final Duration pollDeadline;
    private volatile boolean stopRequested;

    /** Without a page cap or a deadline (backfill: a long range is resumable page by page). */
    public Crawler(
            ListingSource<Q> source,
            AnnouncementFetcher fetcher,
            AnnouncementPublisher publisher,
            CrawlMetrics metrics) {
        this(source, fetcher, publisher, metrics, Integer.MAX_VALUE, null);
    }

    /**
     * @param maxPages     listing pages one pass may read
     * @param pollDeadline how long one pass may run, or null for no deadline
     */
    public Crawler(
            ListingSource<Q> source,
            AnnouncementFetcher fetcher,
            AnnouncementPublisher publisher,
            CrawlMetrics metrics,
            int maxPages,
            Duration pollDeadline) {
        if (maxPages < 1) {
            throw new IllegalArgumentException("max pages per poll must be at least 1, not " + maxPages);
        }
        this.source = source;
        this.fetcher = fetcher;
        this.publisher = publisher;
        this.metrics = metrics;
        this.maxPages = maxPages;
        this.pollDeadline = pollDeadline;
    }

    /** The source this crawler lists. */
    public ListingSource<Q> source() {
        return source;
    }

    /** Asks the current pass to end at the next safe point. */
    public void requestStop() {
        stopRequested = true;
    }

    public boolean stopRequested() {
        return stopRequested;
    }

    /** One pass of {@code walk}. */
    public PassResult runPass(Walk<Q> walk, ProgressListener progress) throws CrawlException, InterruptedException {
        source.beginPass();
        walk.begin();
        long deadline = pollDeadline == null ? Long.MAX_VALUE : System.nanoTime() + pollDeadline.toNanos();
        int pages = 0;
        int published = 0;
        while (true) {
            PageRequest<Q> request = walk.request();
            int page = request.page();
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
            PageStep step;
            try {
                listing = source.list(request);
                pages++;
                progress.onListingPage(listing);
                step = walk.onPage(listing);
            } catch (ListingException e) {
                progress.onError(e.getMessage());
                count(e);
                if (e.kind() == ListingException.Kind.FAILED && source.fallBack(e.getMessage())) {
                    walk.begin();
                    continue;
                }
                throw new CrawlException(e.getMessage(), e, e.kind() == ListingException.Kind.BLOCKED);
            }
            for (Disclosure d : step.refused()) {
                metrics.refused(Refusal.FUTURE_DATE);
                log.warn(
                        "refused {} announcement {} ({} {}): publish date {} is after tomorrow in exchange time",
                        source.name(),
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
                RawAnnouncement record;
                try {
                    record = fetcher.fetch(d);
                } catch (SourceBlockedException e) {
                    ListingException blocked = ListingException.blocked(
                            source.name() + " blocks the crawler (document of " + d.id() + "): " + e.getMessage(), e);
                    progress.onError(blocked.getMessage());
                    count(blocked);
                    throw new CrawlException(blocked.getMessage(), blocked, true);
                }
                progress.onDocument(record);
                records.add(record);
            }
            try {
                publisher.publish(records, walk.stateKey(), step.state());
            } catch (PublishException e) {
                progress.onError(e.getMessage());
                throw new CrawlException(
                        "publishing " + source.describe(request) + " failed: " + e.getMessage(), e, e.fatal());
            }
            walk.commit(step);
            published += records.size();
            metrics.published(records.size());
            progress.onCommitted(records.size());
            if (walk.state() instanceof CrawlCheckpoint c) {
                metrics.checkpoint(c.highWater(), c.seenCount());
            }
            if (step.done()) {
                log.debug("{} pass complete after {} page(s): {}", source.name(), pages, step.reason());
                return new PassResult(pages, published, true, step.reason());
            }
        }
    }

    /** Counts a listing failure where every source's are counted: here. */
    private void count(ListingException e) {
        switch (e.kind()) {
            case BLOCKED -> metrics.blocked();
            case EMPTY_PAYLOAD -> metrics.emptyPayload();
            case REFUSED -> metrics.refused(e.refusal());
            case FAILED -> {} // schema errors and HTTP outcomes are counted by the client that saw them
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
