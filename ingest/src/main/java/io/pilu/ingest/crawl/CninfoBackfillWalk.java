package io.pilu.ingest.crawl;

import io.pilu.ingest.cninfo.CninfoQuery;
import io.pilu.ingest.listing.Disclosure;
import io.pilu.ingest.listing.ListingPage;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A cninfo backfill of a closed range, resumable through the same {@link BackfillCheckpoint} as bse.cn's: the range is
 * listed one day at a time, newest first, each day in every lane and split by {@link CninfoWindowPlanner} until it is
 * paged through in full. The frontier is the day in progress (every later day is complete) and its ids are the ones
 * published from that day's queries, so a killed backfill restarts at that day without republishing, and the state
 * holds one day of ids however long the range.
 */
final class CninfoBackfillWalk implements Walk<CninfoQuery> {

    private final CninfoCrawlSource source;
    private final LocalDate from;
    private final LocalDate to;
    private final Clock clock;
    private final CninfoQuery template;
    /** Ids and document paths published in this process, in case the listing shows one twice. */
    private final Set<String> publishedThisRun = new HashSet<>();

    private BackfillCheckpoint committed;
    private LocalDate day;
    private CninfoWindowPlanner plan;

    CninfoBackfillWalk(
            CninfoCrawlSource source, BackfillCheckpoint committed, LocalDate from, LocalDate to, Clock clock) {
        if (from == null || to == null) {
            throw new IllegalArgumentException("a backfill needs both --from and --to");
        }
        this.source = source;
        this.from = from;
        this.to = to;
        this.clock = clock;
        this.template = source.template();
        this.committed = committed;
        begin();
    }

    @Override
    public String stateKey() {
        return committed.source();
    }

    @Override
    public void begin() {
        startDay(committed.frontier() == null ? to : committed.frontier());
    }

    private void startDay(LocalDate d) {
        day = d;
        plan = new CninfoWindowPlanner(CninfoWalk.lanes(source, d, d), part -> false);
    }

    @Override
    public PageRequest<CninfoQuery> request() {
        CninfoWindowPlanner.Step step = plan.next();
        return new PageRequest<>(step.part().query(template), step.page());
    }

    @Override
    public PageStep onPage(ListingPage page) throws ListingException {
        CninfoWindowPlanner.Part part = plan.next().part();
        CninfoWindowPlanner.Outcome outcome = plan.onPage(page);
        Set<String> frontierIds =
                day.equals(committed.frontier()) ? new LinkedHashSet<>(committed.frontierIds()) : new LinkedHashSet<>();
        List<Disclosure> publish = new ArrayList<>();
        if (outcome != CninfoWindowPlanner.Outcome.SPLIT) {
            Set<String> urls = new HashSet<>();
            for (Disclosure d : page.items()) {
                if (!CninfoWalk.accepts(source, d, from, to)
                        || frontierIds.contains(d.id())
                        || publishedThisRun.contains(d.id())
                        || publishedThisRun.contains(d.destFilePath())
                        || !urls.add(d.destFilePath())
                        || publish.stream().anyMatch(p -> p.id().equals(d.id()))) {
                    continue;
                }
                publish.add(d);
            }
        }
        publish.forEach(d -> frontierIds.add(d.id()));
        boolean dayDone = plan.done();
        LocalDate frontier = day;
        boolean done = false;
        if (dayDone) {
            frontier = day.minusDays(1);
            frontierIds.clear();
            done = frontier.isBefore(from);
        }
        BackfillCheckpoint next = new BackfillCheckpoint(
                BackfillCheckpoint.SCHEMA_VERSION,
                committed.source(),
                committed.from(),
                committed.to(),
                frontier,
                List.copyOf(frontierIds),
                done,
                committed.published() + publish.size(),
                clock.instant());
        String reason =
                done ? "range complete" : outcome == CninfoWindowPlanner.Outcome.SPLIT ? "split " + part : "continue";
        return new PageStep(publish, done, next, reason);
    }

    @Override
    public void commit(PageStep step) {
        step.publish().forEach(d -> {
            publishedThisRun.add(d.id());
            publishedThisRun.add(d.destFilePath());
        });
        committed = (BackfillCheckpoint) step.state();
        if (!committed.done() && !committed.frontier().equals(day)) {
            startDay(committed.frontier());
        }
    }

    @Override
    public BackfillCheckpoint state() {
        return committed;
    }
}
