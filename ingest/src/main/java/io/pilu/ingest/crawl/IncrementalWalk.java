package io.pilu.ingest.crawl;

import io.pilu.ingest.listing.Disclosure;
import io.pilu.ingest.listing.ListingFilter;
import io.pilu.ingest.listing.ListingPage;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The incremental poll: walk the listing newest-first until everything new since the last pass is found.
 *
 * <p>Why it cannot simply stop at the first known id:
 * <ul>
 *   <li>Publish dates have no time, and announcements of one day come in any order, so a new announcement dated
 *       on the high-water day may sort <em>after</em> a full page of known ones. The pass therefore always walks
 *       past the whole high-water day.</li>
 *   <li>New announcements appear on page 0 while a pass walks; they push items down, so an item can show up on
 *       two consecutive pages (deduplicated by id), and the newcomers themselves are found by the next pass, whose
 *       high-water day is at least theirs.</li>
 *   <li>The high-water mark moves only when a pass completes: a crash in the middle resumes with the old mark and
 *       the ids already published in the interrupted pass are in the recently-seen set, so it neither skips nor
 *       republishes.</li>
 * </ul>
 *
 * <p>A pass stops after a page that is (a) the last or empty, (b) entirely older than the high-water day, (c)
 * entirely older than the floor, or (d) entirely already seen or filtered out, once the pass is below the
 * high-water day (not before: see the first point).
 *
 * <p>Bounded memory: the recently-seen set keeps ids dated from the floor on, where the floor trails the high-water
 * day by {@code retainDays} (announcements listed late, with an older date, are caught within that window), and is
 * capped at {@code maxSeenIds} by dropping whole days before the high-water day and raising the floor past them
 * (see {@link #evictOverCap}). bse.cn publishes at most a few hundred announcements a day, so the default cap
 * (10 000 ids, about 400 KB of state) holds weeks. Only a pass catching up on more than the cap since the high-water
 * day (a long outage) grows the set beyond it until it completes.
 */
public final class IncrementalWalk implements Walk<ListingFilter> {

    private final ListingFilter filter;
    private final int retainDays;
    private final int maxSeenIds;
    private final Clock clock;
    private CrawlCheckpoint committed;
    private Map<String, LocalDate> seen;

    // the current pass
    private ListingFilter query;
    private int pageNumber;
    private LocalDate newestInPass;
    private boolean belowHighWater;

    /**
     * @param committed  the state read back from Kafka (or {@link CrawlCheckpoint#initial})
     * @param filter     what to publish
     * @param retainDays how far behind the high-water day late-listed announcements are still caught
     * @param maxSeenIds cap on the recently-seen set
     */
    public IncrementalWalk(
            CrawlCheckpoint committed, ListingFilter filter, int retainDays, int maxSeenIds, Clock clock) {
        if (retainDays < 0 || maxSeenIds < 1) {
            throw new IllegalArgumentException("retainDays must be >= 0 and maxSeenIds >= 1");
        }
        this.filter = filter;
        this.retainDays = retainDays;
        this.maxSeenIds = maxSeenIds;
        this.clock = clock;
        setCommitted(committed);
        begin();
    }

    @Override
    public String stateKey() {
        return committed.source();
    }

    @Override
    public void begin() {
        pageNumber = 0;
        LocalDate floor = committed.floor();
        LocalDate from = filter.from() == null || filter.from().isBefore(floor) ? floor : filter.from();
        if (filter.to() != null && from.isAfter(filter.to())) {
            from = filter.to(); // nothing new can match; keep the query valid, the floor rule ends the pass
        }
        // The server filters by date too, so a pass ends by itself at the floor instead of walking all history.
        query = filter.withDates(from, filter.to());
        newestInPass = null;
        belowHighWater = false;
    }

    /** The listing query of the current pass; fixed for the whole pass so page numbers stay comparable. */
    public ListingFilter query() {
        return query;
    }

    @Override
    public PageRequest<ListingFilter> request() {
        return new PageRequest<>(query, pageNumber);
    }

    /**
     * The newest publish date a row may carry: tomorrow in exchange time (Asia/Shanghai). A later date is a broken
     * or hostile row; taken at its word it would move the high-water mark past every real filing to come.
     */
    public static LocalDate latestAcceptableDate(Clock clock) {
        return LocalDate.now(clock.withZone(io.pilu.ingest.CrawlMetrics.EXCHANGE_ZONE))
                .plusDays(1);
    }

    @Override
    public PageStep onPage(ListingPage page) {
        LocalDate highWater = committed.highWater();
        LocalDate floor = committed.floor();
        LocalDate latest = latestAcceptableDate(clock);
        List<Disclosure> publish = new ArrayList<>();
        List<Disclosure> refused = new ArrayList<>();
        Set<String> onThisPage = new HashSet<>();
        boolean allKnown = true;
        boolean allOlderThanHighWater = highWater != null;
        boolean allOlderThanFloor = true;
        for (Disclosure d : page.items()) {
            LocalDate date = d.publishDate();
            if (date.isAfter(latest)) {
                refused.add(d); // never published, never the high-water mark, no say in when the pass stops
                continue;
            }
            if (newestInPass == null || date.isAfter(newestInPass)) {
                newestInPass = date;
            }
            if (highWater != null && date.isBefore(highWater)) {
                belowHighWater = true;
            } else {
                allOlderThanHighWater = false;
            }
            if (!date.isBefore(floor)) {
                allOlderThanFloor = false;
            }
            boolean wanted = !date.isBefore(floor) && filter.accepts(d);
            if (wanted && !seen.containsKey(d.id()) && onThisPage.add(d.id())) {
                publish.add(d);
                allKnown = false;
            }
        }
        boolean onlyRefused =
                !page.items().isEmpty() && refused.size() == page.items().size();
        String reason;
        if (page.items().isEmpty() || page.lastPage()) {
            reason = "end of listing";
        } else if (onlyRefused) {
            return new PageStep(publish, false, next(publish, false), "continue", refused);
        } else if (allOlderThanFloor) {
            reason = "page entirely older than the floor " + floor;
        } else if (allOlderThanHighWater) {
            reason = "page entirely older than the high-water day " + highWater;
        } else if (belowHighWater && allKnown) {
            reason = "page entirely seen, below the high-water day " + highWater;
        } else {
            return new PageStep(publish, false, next(publish, false), "continue", refused);
        }
        return new PageStep(publish, true, next(publish, true), reason, refused);
    }

    @Override
    public void commit(PageStep step) {
        pageNumber++;
        setCommitted((CrawlCheckpoint) step.state());
    }

    @Override
    public CrawlCheckpoint state() {
        return committed;
    }

    /** The state after publishing {@code publish}; on completion the high-water mark and the floor move. */
    private CrawlCheckpoint next(List<Disclosure> publish, boolean complete) {
        return committed.after(seen, publish, complete, newestInPass, retainDays, maxSeenIds, clock);
    }

    private void setCommitted(CrawlCheckpoint checkpoint) {
        this.committed = checkpoint;
        this.seen = checkpoint.seenIds();
    }
}
