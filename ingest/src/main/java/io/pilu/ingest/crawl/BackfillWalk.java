package io.pilu.ingest.crawl;

import io.pilu.ingest.listing.Disclosure;
import io.pilu.ingest.listing.ListingFilter;
import io.pilu.ingest.listing.ListingPage;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A backfill of a closed date range, resumable through a frontier (see {@link BackfillCheckpoint}): each pass lists
 * {@code from..frontier} newest-first, skips the frontier day's ids already published, and after every page moves
 * the frontier to the oldest date on it. A killed backfill restarts at its frontier day, so it neither re-walks the
 * pages it finished nor republishes an id.
 */
public final class BackfillWalk implements Walk<ListingFilter> {

    private final ListingFilter filter;
    private final Clock clock;
    private BackfillCheckpoint committed;
    private ListingFilter query;
    private int pageNumber;
    /** Ids published in this process, in case the listing shifts under a pass and shows one twice. */
    private final Set<String> publishedThisRun = new HashSet<>();

    /** @param filter the range ({@code from}, {@code to} required) and the other filters */
    public BackfillWalk(BackfillCheckpoint committed, ListingFilter filter, Clock clock) {
        if (filter.from() == null || filter.to() == null) {
            throw new IllegalArgumentException("a backfill needs both --from and --to");
        }
        this.filter = filter;
        this.clock = clock;
        this.committed = committed;
        begin();
    }

    @Override
    public String stateKey() {
        return committed.source();
    }

    @Override
    public void begin() {
        pageNumber = 0;
        query = filter.withDates(filter.from(), committed.frontier() == null ? filter.to() : committed.frontier());
    }

    /** The listing query of the current pass; fixed for the whole pass so page numbers stay comparable. */
    public ListingFilter query() {
        return query;
    }

    @Override
    public PageRequest<ListingFilter> request() {
        return new PageRequest<>(query, pageNumber);
    }

    @Override
    public PageStep onPage(ListingPage page) {
        Set<String> frontierIds = new HashSet<>(committed.frontierIds());
        List<Disclosure> publish = new ArrayList<>();
        LocalDate oldest = null;
        boolean allBeforeRange = true;
        for (Disclosure d : page.items()) {
            boolean inRange =
                    !d.publishDate().isBefore(filter.from()) && !d.publishDate().isAfter(filter.to());
            if (!d.publishDate().isBefore(filter.from())) {
                allBeforeRange = false;
            }
            // the frontier follows every listed date in range, also of filtered-out items: the page was walked
            if (inRange && (oldest == null || d.publishDate().isBefore(oldest))) {
                oldest = d.publishDate();
            }
            if (!filter.accepts(d)) {
                continue;
            }
            if (!frontierIds.contains(d.id())
                    && !publishedThisRun.contains(d.id())
                    && publish.stream().noneMatch(p -> p.id().equals(d.id()))) {
                publish.add(d);
            }
        }
        LocalDate frontier = committed.frontier();
        Set<String> nextFrontierIds = new LinkedHashSet<>();
        if (oldest != null) {
            if (frontier != null && oldest.equals(frontier)) {
                nextFrontierIds.addAll(committed.frontierIds());
            }
            frontier = oldest;
            for (Disclosure d : page.items()) {
                if (filter.accepts(d) && d.publishDate().equals(oldest)) {
                    nextFrontierIds.add(d.id());
                }
            }
        } else {
            nextFrontierIds.addAll(committed.frontierIds());
        }
        boolean done = page.items().isEmpty() || page.lastPage() || allBeforeRange;
        BackfillCheckpoint next = new BackfillCheckpoint(
                BackfillCheckpoint.SCHEMA_VERSION,
                committed.source(),
                committed.from(),
                committed.to(),
                frontier,
                List.copyOf(nextFrontierIds),
                done,
                committed.published() + publish.size(),
                clock.instant());
        return new PageStep(publish, done, next, done ? "range complete" : "continue");
    }

    @Override
    public void commit(PageStep step) {
        pageNumber++;
        step.publish().forEach(d -> publishedThisRun.add(d.id()));
        committed = (BackfillCheckpoint) step.state();
    }

    @Override
    public BackfillCheckpoint state() {
        return committed;
    }
}
