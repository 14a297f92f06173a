package io.pilu.ingest.crawl;

import io.pilu.ingest.Refusal;
import io.pilu.ingest.cninfo.CninfoQuery;
import io.pilu.ingest.listing.ListingPage;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Plans one cninfo pass so that it is complete under the site's caps: {@code pageSize} is 30 and
 * {@code totalRecordNum} stops at 3 000, so the site pages through at most 3 000 rows (100 pages) of any query and
 * silently leaves out the rest. Pure: it decides from the pages it is shown, the crawl loop does the requests.
 *
 * <p>Every part starts with a probe, its first page. A part whose {@code totalRecordNum} is below 3 000 is paged
 * through (the probe is its first page). A larger one is split, first by day (a window of several days becomes one
 * part per day, newest first), then by category (a day of all categories becomes one part per known category of
 * the tab; several configured categories become one part each), and each part is probed in turn. A request names
 * exactly one column, so every configured column is its own lane from the start. A single day × column × category
 * still at 3 000 cannot be split: {@link Refusal#WINDOW_TOO_LARGE}.
 *
 * <p>Fail closed, because a wrong answer here is a silent gap:
 * <ul>
 *   <li>the parts of a split must together report at least the split part's {@code totalAnnouncement} (the true
 *       count, not capped). Fewer means some announcements are in none of them, e.g. in a category the crawler does
 *       not know: {@link Refusal#SPLIT_INCOMPLETE};</li>
 *   <li>an all-null payload ({@code emptyPayload}) where results are expected is an alarm, not "nothing": on a page
 *       after the first of a part that reported more rows, among the parts of a split whose parent had results (when
 *       they then fall short), or on a lane the caller expects results for (it saw rows for those days before).</li>
 * </ul>
 *
 * <p>Re-listing what has not changed is what makes a poll expensive (a 3–4 day window of a busy market is hundreds of
 * pages), so the caller may declare a probed part {@linkplain Verdict#UNCHANGED unchanged}: it then counts as paged
 * through without paging or splitting it; or ask for a part that changed to be {@linkplain Verdict#SPLIT split}
 * anyway, so that the days (or categories) that did not change cost one probe each instead of their pages. The
 * caller decides from what it listed before (see {@link CninfoWalk}); the completeness checks above still see every
 * probe's counts.
 */
public final class CninfoWindowPlanner {

    /** The most rows the site pages through for one query ({@code totalRecordNum}'s cap). */
    public static final int RECORD_CAP = 3000;
    /** The most pages: {@value #RECORD_CAP} / {@link CninfoQuery#PAGE_SIZE}. */
    public static final int MAX_PAGES = RECORD_CAP / CninfoQuery.PAGE_SIZE;

    /** The fulltext tab's 26 A-share category codes (contract §1, from cninfo's own history-notice.js). */
    public static final List<String> FULLTEXT_CATEGORIES = List.of(
            "category_ndbg_szsh",
            "category_bndbg_szsh",
            "category_yjdbg_szsh",
            "category_sjdbg_szsh",
            "category_yjygjxz_szsh",
            "category_qyfpxzcs_szsh",
            "category_dshgg_szsh",
            "category_jshgg_szsh",
            "category_gddh_szsh",
            "category_rcjy_szsh",
            "category_gszl_szsh",
            "category_zj_szsh",
            "category_sf_szsh",
            "category_zf_szsh",
            "category_gqjl_szsh",
            "category_pg_szsh",
            "category_jj_szsh",
            "category_gszq_szsh",
            "category_kzzq_szsh",
            "category_qtrz_szsh",
            "category_gqbd_szsh",
            "category_bcgz_szsh",
            "category_cqdq_szsh",
            "category_fxts_szsh",
            "category_tbclts_szsh",
            "category_tszlq_szsh");

    /** The relation (调研) tab's 4 category codes. */
    public static final List<String> RELATION_CATEGORIES =
            List.of("category_dyhd_szdy", "category_lyhd_szdy", "category_mdcf_szdy", "category_glzd_szdy");

    /**
     * One query of a pass, without its page: a tab, a column, a category filter and a date window.
     *
     * @param category {@code ;}-joined category codes, empty for all
     */
    public record Part(String tab, String column, String category, LocalDate from, LocalDate to) {

        public Part {
            Objects.requireNonNull(tab, "tab");
            Objects.requireNonNull(column, "column");
            category = category == null ? "" : category;
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (from.isAfter(to)) {
                throw new IllegalArgumentException("part window starts after it ends: " + from + "~" + to);
            }
        }

        /** {@code template} (company and keyword filters) narrowed to this part. */
        public CninfoQuery query(CninfoQuery template) {
            return template.withTab(tab)
                    .withColumn(column)
                    .withCategory(category)
                    .withDates(from, to);
        }

        @Override
        public String toString() {
            return tab + "/" + column + (category.isEmpty() ? "" : "/" + category) + " " + from + "~" + to;
        }
    }

    /**
     * How a part too large to page through is split: by day, then by category. Empty when it cannot be split (one
     * day, one category).
     */
    public static List<Part> split(Part p) {
        List<Part> parts = new ArrayList<>();
        if (p.from().isBefore(p.to())) {
            for (LocalDate d = p.to(); !d.isBefore(p.from()); d = d.minusDays(1)) {
                parts.add(new Part(p.tab(), p.column(), p.category(), d, d));
            }
            return parts;
        }
        List<String> categories = p.category().isEmpty()
                ? categoriesOf(p.tab())
                : List.of(p.category().split(";"));
        if (categories.size() < 2) {
            return List.of();
        }
        for (String c : categories) {
            parts.add(new Part(p.tab(), p.column(), c.strip(), p.from(), p.to()));
        }
        return parts;
    }

    /**
     * The category codes a day of {@code tab} is split into. The fulltext tab may list the 调研 records too
     * (unconfirmed), so its split also asks for the relation codes: a code the tab does not know costs one empty
     * probe, a code left out is a gap (which the completeness check would refuse).
     */
    public static List<String> categoriesOf(String tab) {
        if (CninfoQuery.RELATION.equals(tab)) {
            return RELATION_CATEGORIES;
        }
        List<String> all = new ArrayList<>(FULLTEXT_CATEGORIES);
        all.addAll(RELATION_CATEGORIES);
        return List.copyOf(all);
    }

    /** Whether a query whose first page reports {@code pagedTotal} rows and {@code totalPages} is paged in full. */
    public static boolean fits(long pagedTotal, int totalPages) {
        return pagedTotal < RECORD_CAP && totalPages <= MAX_PAGES;
    }

    /** What the caller makes of a part's probe. */
    public enum Verdict {
        /** Page through it (or split it if it does not fit): the default. */
        LIST,
        /**
         * It lists exactly what the caller listed for it in full before: complete without paging or splitting
         * ({@link Outcome#UNCHANGED}).
         */
        UNCHANGED,
        /**
         * It changed, but the caller knows some of the parts it splits into, each of which may then prove unchanged
         * with one probe: split it even though it fits (a part that cannot be split is paged through).
         */
        SPLIT
    }

    /** What the next request of the pass is. */
    public record Step(Part part, int page, boolean probe) {}

    /** What a page meant to the plan. */
    public enum Outcome {
        /** The part was split; the page's rows are not used (the parts list them again). */
        SPLIT,
        /** The page's rows belong to the pass; the part goes on. */
        ROWS,
        /** The page's rows belong to the pass; the part is complete. */
        LAST_ROWS,
        /**
         * The probe shows the part lists what the caller listed for it before: it is complete without paging (the
         * page's rows belong to the pass, all of them already known).
         */
        UNCHANGED
    }

    /** The parts a split part became, with what they must add up to. */
    private static final class Group {
        final Part parent;
        final long parentTotal;
        final int children;
        int outstanding;
        long sum;
        int emptyPayloads;

        Group(Part parent, long parentTotal, int children) {
            this.parent = parent;
            this.parentTotal = parentTotal;
            this.children = children;
            this.outstanding = children;
        }
    }

    private record Pending(Part part, Group group) {}

    private final Deque<Pending> pending = new ArrayDeque<>();
    private final Predicate<Part> expectResults;
    private final BiFunction<Part, ListingPage, Verdict> verdict;
    private Pending current;
    private int page;
    private long pagedTotal;

    /**
     * @param lanes         the pass's starting parts (tab × column, the whole window each)
     * @param expectResults whether a lane must not answer an empty payload (the caller saw rows in it before)
     */
    public CninfoWindowPlanner(List<Part> lanes, Predicate<Part> expectResults) {
        this(lanes, expectResults, (part, probe) -> Verdict.LIST);
    }

    /**
     * @param verdict what the caller, from what it listed before, makes of a part's probe (see {@link Verdict})
     */
    public CninfoWindowPlanner(
            List<Part> lanes, Predicate<Part> expectResults, BiFunction<Part, ListingPage, Verdict> verdict) {
        lanes.forEach(l -> pending.add(new Pending(l, null)));
        this.expectResults = expectResults;
        this.verdict = verdict;
    }

    /** Whether every part is paged through. */
    public boolean done() {
        return current == null && pending.isEmpty();
    }

    /** The next request; only while not {@link #done()}. */
    public Step next() {
        if (current != null) {
            return new Step(current.part(), page, false);
        }
        Pending head = pending.peekFirst();
        if (head == null) {
            throw new IllegalStateException("the pass plan is complete");
        }
        return new Step(head.part(), 0, true);
    }

    /**
     * What the answer to {@link #next()} means, moving the plan on.
     *
     * @throws ListingException {@code EMPTY_PAYLOAD} where results were expected, {@code REFUSED} with
     *                          {@link Refusal#WINDOW_TOO_LARGE} or {@link Refusal#SPLIT_INCOMPLETE}
     */
    public Outcome onPage(ListingPage answer) throws ListingException {
        if (current == null) {
            return onProbe(pending.removeFirst(), answer);
        }
        if (answer.emptyPayload() && (long) page * CninfoQuery.PAGE_SIZE < pagedTotal) {
            throw ListingException.emptyPayload("cninfo answered an all-null payload for page " + (page + 1) + " of "
                    + current.part() + ", whose first page reported " + pagedTotal + " rows");
        }
        return rows(answer);
    }

    private Outcome onProbe(Pending p, ListingPage answer) throws ListingException {
        if (p.group() != null) {
            Group g = p.group();
            g.sum += answer.totalElements();
            g.emptyPayloads += answer.emptyPayload() ? 1 : 0;
            g.outstanding--;
            if (g.outstanding == 0 && g.sum < g.parentTotal) {
                // a true "no results" and a broken channel look the same; all parts empty is the broken channel
                if (g.emptyPayloads == g.children) {
                    throw ListingException.emptyPayload("cninfo answered all-null payloads for every part of "
                            + g.parent + ", which reported " + g.parentTotal + " announcements");
                }
                throw ListingException.refused(
                        Refusal.SPLIT_INCOMPLETE,
                        "the parts of " + g.parent + " report " + g.sum + " announcements in total, fewer than its "
                                + g.parentTotal + " (" + g.emptyPayloads + " of " + g.children + " parts answered an "
                                + "all-null payload): some are in none of them (an unknown category?) or a channel is "
                                + "broken; the checkpoint stays");
            }
        }
        if (answer.emptyPayload() && p.group() == null && expectResults.test(p.part())) {
            throw ListingException.emptyPayload("cninfo answered an all-null payload for " + p.part()
                    + ", where this crawler listed announcements before");
        }
        Verdict v = verdict.apply(p.part(), answer);
        if (v == Verdict.UNCHANGED) {
            return Outcome.UNCHANGED;
        }
        boolean wanted = v == Verdict.SPLIT && !split(p.part()).isEmpty();
        if (wanted || !fits(answer.pagedTotal(), answer.totalPages())) {
            List<Part> parts = split(p.part());
            if (parts.isEmpty()) {
                throw ListingException.refused(
                        Refusal.WINDOW_TOO_LARGE,
                        p.part() + " reports " + answer.pagedTotal() + " rows (" + answer.totalElements()
                                + " announcements), at or over the " + RECORD_CAP + " the site pages through, and "
                                + "cannot be split further; the checkpoint stays");
            }
            Group g = new Group(p.part(), answer.totalElements(), parts.size());
            for (int i = parts.size() - 1; i >= 0; i--) {
                pending.addFirst(new Pending(parts.get(i), g));
            }
            return Outcome.SPLIT;
        }
        current = p;
        page = 0;
        pagedTotal = answer.pagedTotal();
        return rows(answer);
    }

    private Outcome rows(ListingPage answer) throws ListingException {
        boolean last = answer.lastPage() || answer.items().isEmpty();
        if (!last && page + 1 >= MAX_PAGES) {
            throw ListingException.refused(
                    Refusal.WINDOW_TOO_LARGE,
                    current.part() + " still has more rows after " + MAX_PAGES + " pages; the checkpoint stays");
        }
        if (last) {
            current = null;
            page = 0;
            return Outcome.LAST_ROWS;
        }
        page++;
        return Outcome.ROWS;
    }
}
