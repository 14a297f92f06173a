package io.pilu.ingest.crawl;

import io.pilu.ingest.cninfo.CninfoQuery;
import io.pilu.ingest.listing.Disclosure;
import io.pilu.ingest.listing.ListingPage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The incremental cninfo poll. Its state is the same {@link CrawlCheckpoint} as bse.cn's (high-water day, floor,
 * recently-seen ids), under key {@code cninfo}, and moves the same way ({@link CrawlCheckpoint#after}); what differs
 * is how a pass lists: cninfo filters by date window on the server and caps what it pages through, so instead of
 * walking one newest-first listing until it reaches known ground, a pass lists the whole window from the floor
 * ({@code --retain-days} before the high-water day) to tomorrow, in every lane (tab × column), split by
 * {@link CninfoWindowPlanner} until every part is paged through in full.
 *
 * <p>The same announcement shows up on several pages (the listing shifts while a pass walks it) and in both tabs:
 * it is published once. An id in the recently-seen set (committed with every page) is never published again,
 * and within a process a second row with the same {@code adjunctUrl} under another id is not either. A crash in the
 * middle of a pass resumes with the committed set, so it neither skips nor republishes; the high-water mark moves
 * only when a pass completes.
 *
 * <p>Most of a window does not change between two polls, and paging through it all again is what made a poll cost
 * hundreds of requests. So between full re-listings ({@code --full-relist-interval}, counted from the start of the
 * last pass that listed everything) a pass starts each part with its probe as before, but a part whose probe shows it
 * unchanged since this process last listed it in full ({@link CninfoListedParts}) is not paged through, and a part
 * that changed but has days (or categories) this process knows is split so that those cost one probe each. The first
 * pass of a process, and every pass once the interval is up, lists everything.
 */
final class CninfoWalk implements Walk<CninfoQuery> {

    private final CninfoCrawlSource source;
    private final LocalDate from;
    private final LocalDate to;
    private final int retainDays;
    private final int maxSeenIds;
    private final Clock clock;
    private final CninfoQuery template;
    private CrawlCheckpoint committed;
    private Map<String, LocalDate> seen;
    /**
     * Per lane (tab/column), the ids this process listed per day, for the days of the current window (older days are
     * dropped when a pass begins): an empty payload there is an alarm.
     */
    private final Map<String, Map<LocalDate, Set<String>>> listedDays = new HashMap<>();

    /**
     * A Shenzhen/Shanghai day with this many fulltext rows is a busy trading day, on which the relation (调研) tab of
     * the same column is expected to list something: an empty payload there is an alarm. Only for {@code szse}: that
     * the relation tab covers the other columns is unconfirmed.
     */
    static final int BUSY_DAY_ROWS = 500;
    /** Document paths published by this process, the fallback de-duplication key. */
    private final Set<String> publishedUrls = new HashSet<>();

    /** What this process listed in full, to spare re-listing what did not change. */
    private final CninfoListedParts listedParts = new CninfoListedParts();
    /** Start of the last pass that listed every part in full; null before the first one completes. */
    private Instant lastFullPass;

    // the current pass
    private CninfoWindowPlanner plan;
    private LocalDate newestInPass;
    private LocalDate passFrom;
    private Instant passStart;
    /** Whether this pass may skip parts known unchanged (false: it lists everything). */
    private boolean verifying;
    /** Rows of the part being paged through, from its probe on. */
    private List<Disclosure> partRows = new ArrayList<>();
    /** The part the last step returned completes, with its rows: recorded once that step is committed. */
    private Completion completing;

    private record Completion(PageStep step, CninfoWindowPlanner.Part part, List<Disclosure> rows) {}

    CninfoWalk(
            CninfoCrawlSource source,
            CrawlCheckpoint committed,
            LocalDate from,
            LocalDate to,
            int retainDays,
            int maxSeenIds,
            Clock clock) {
        if (retainDays < 0 || maxSeenIds < 1) {
            throw new IllegalArgumentException("retainDays must be >= 0 and maxSeenIds >= 1");
        }
        this.source = source;
        this.from = from;
        this.to = to;
        this.retainDays = retainDays;
        this.maxSeenIds = maxSeenIds;
        this.clock = clock;
        this.template = source.template();
        setCommitted(committed);
        begin();
    }

    @Override
    public String stateKey() {
        return committed.source();
    }

    @Override
    public void begin() {
        LocalDate floor = committed.floor();
        LocalDate hi = to != null ? to : IncrementalWalk.latestAcceptableDate(clock);
        LocalDate lo = from == null || from.isBefore(floor) ? floor : from;
        if (lo.isAfter(hi)) {
            lo = hi; // nothing new can match; the rows are filtered by date below
        }
        passFrom = lo;
        LocalDate keepFrom = lo;
        listedDays.values().forEach(days -> days.keySet().removeIf(d -> d.isBefore(keepFrom)));
        listedParts.forgetBefore(keepFrom);
        passStart = clock.instant();
        Duration interval = source.fullRelistInterval();
        verifying = lastFullPass != null && !interval.isZero() && passStart.isBefore(lastFullPass.plus(interval));
        plan = new CninfoWindowPlanner(lanes(source, lo, hi), expectation(), this::verdict);
        newestInPass = null;
        partRows = new ArrayList<>();
        completing = null;
    }

    private CninfoWindowPlanner.Verdict verdict(CninfoWindowPlanner.Part part, ListingPage probe) {
        if (!verifying) {
            return CninfoWindowPlanner.Verdict.LIST;
        }
        if (listedParts.unchanged(part, probe)) {
            return CninfoWindowPlanner.Verdict.UNCHANGED;
        }
        // splitting costs a probe per part it becomes; worth it only over more pages than that
        if (probe.totalPages() > CninfoWindowPlanner.split(part).size() && listedParts.knowsPartOf(part)) {
            return CninfoWindowPlanner.Verdict.SPLIT;
        }
        return CninfoWindowPlanner.Verdict.LIST;
    }

    /** The pass's starting parts: one per tab × column over the whole window. */
    static List<CninfoWindowPlanner.Part> lanes(CninfoCrawlSource source, LocalDate from, LocalDate to) {
        List<CninfoWindowPlanner.Part> lanes = new ArrayList<>();
        for (String tab : source.tabs()) {
            String categories = source.categoriesFor(tab);
            if (categories == null) {
                continue;
            }
            for (String column : source.columns()) {
                lanes.add(new CninfoWindowPlanner.Part(tab, column, categories, from, to));
            }
        }
        return lanes;
    }

    private Predicate<CninfoWindowPlanner.Part> expectation() {
        return part -> {
            if (listed(lane(part), part, 1)) {
                return true; // rows were listed in this lane for these days before
            }
            return CninfoQuery.RELATION.equals(part.tab())
                    && "szse".equals(part.column())
                    && part.category().isEmpty()
                    && listed(CninfoQuery.FULLTEXT + "/" + part.column(), part, BUSY_DAY_ROWS);
        };
    }

    /** Whether {@code lane} listed at least {@code rows} rows on one day of {@code part}'s window. */
    private boolean listed(String lane, CninfoWindowPlanner.Part part, int rows) {
        return listedDays.getOrDefault(lane, Map.of()).entrySet().stream()
                .anyMatch(e -> e.getValue().size() >= rows
                        && !e.getKey().isBefore(part.from())
                        && !e.getKey().isAfter(part.to()));
    }

    private static String lane(CninfoWindowPlanner.Part part) {
        return part.tab() + "/" + part.column();
    }

    @Override
    public PageRequest<CninfoQuery> request() {
        CninfoWindowPlanner.Step step = plan.next();
        return new PageRequest<>(step.part().query(template), step.page());
    }

    @Override
    public PageStep onPage(ListingPage page) throws ListingException {
        CninfoWindowPlanner.Step at = plan.next();
        CninfoWindowPlanner.Part part = at.part();
        if (at.probe()) {
            partRows = new ArrayList<>();
        }
        completing = null;
        CninfoWindowPlanner.Outcome outcome = plan.onPage(page);
        if (outcome == CninfoWindowPlanner.Outcome.SPLIT) {
            return new PageStep(List.of(), false, committed, "split " + part);
        }
        LocalDate latest = IncrementalWalk.latestAcceptableDate(clock);
        List<Disclosure> publish = new ArrayList<>();
        List<Disclosure> refused = new ArrayList<>();
        Set<String> urls = new HashSet<>();
        for (Disclosure d : page.items()) {
            if (d.publishDate().isAfter(latest)) {
                refused.add(d);
                continue;
            }
            partRows.add(d);
            listedDays
                    .computeIfAbsent(lane(part), k -> new HashMap<>())
                    .computeIfAbsent(d.publishDate(), k -> new HashSet<>())
                    .add(d.id());
            if (newestInPass == null || d.publishDate().isAfter(newestInPass)) {
                newestInPass = d.publishDate();
            }
            if (d.publishDate().isBefore(passFrom) || !accepts(source, d, from, to)) {
                continue;
            }
            if (seen.containsKey(d.id())
                    || publishedUrls.contains(d.destFilePath())
                    || !urls.add(d.destFilePath())
                    || publish.stream().anyMatch(p -> p.id().equals(d.id()))) {
                continue;
            }
            publish.add(d);
        }
        boolean done = plan.done();
        CrawlCheckpoint next = committed.after(seen, publish, done, newestInPass, retainDays, maxSeenIds, clock);
        String reason = done
                ? "every part of the window listed"
                : outcome == CninfoWindowPlanner.Outcome.UNCHANGED ? "unchanged " + part : "continue";
        PageStep step = new PageStep(publish, done, next, reason, refused);
        if (outcome == CninfoWindowPlanner.Outcome.LAST_ROWS) {
            completing = new Completion(step, part, partRows);
        }
        return step;
    }

    /** The client-side filter: company codes (a keyword also matches other companies' documents), title keyword, dates. */
    static boolean accepts(CninfoCrawlSource source, Disclosure d, LocalDate from, LocalDate to) {
        if (!source.companyCodes().isEmpty() && !source.companyCodes().contains(d.companyCode())) {
            return false;
        }
        if (source.keyword() != null && (d.title() == null || !d.title().contains(source.keyword()))) {
            return false;
        }
        if (from != null && d.publishDate().isBefore(from)) {
            return false;
        }
        return to == null || !d.publishDate().isAfter(to);
    }

    @Override
    public void commit(PageStep step) {
        step.publish().forEach(d -> publishedUrls.add(d.destFilePath()));
        setCommitted((CrawlCheckpoint) step.state());
        if (completing != null && completing.step() == step) {
            // the part's every page is committed now (pages commit in order): its ids are handled
            listedParts.record(completing.part(), completing.rows());
            completing = null;
        }
        if (step.done() && !verifying) {
            lastFullPass = passStart;
        }
    }

    @Override
    public CrawlCheckpoint state() {
        return committed;
    }

    private void setCommitted(CrawlCheckpoint checkpoint) {
        this.committed = checkpoint;
        this.seen = checkpoint.seenIds();
    }
}
