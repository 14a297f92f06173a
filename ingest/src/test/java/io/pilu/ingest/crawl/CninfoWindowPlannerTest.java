package io.pilu.ingest.crawl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilu.ingest.Refusal;
import io.pilu.ingest.crawl.CninfoWindowPlanner.Outcome;
import io.pilu.ingest.crawl.CninfoWindowPlanner.Part;
import io.pilu.ingest.crawl.CninfoWindowPlanner.Step;
import io.pilu.ingest.listing.Disclosure;
import io.pilu.ingest.listing.ListingPage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The cninfo window planner on made-up totals: which parts it probes, splits and pages, and when it fails closed. */
class CninfoWindowPlannerTest {

    private static final LocalDate D1 = LocalDate.of(2024, 6, 17);
    private static final LocalDate D3 = LocalDate.of(2024, 6, 19);

    /** A fake site: each part's true count; pages of 30, the paged count capped at 3000. */
    private static Function<Step, ListingPage> site(Map<Part, Integer> totals) {
        return step -> {
            int total = totals.getOrDefault(step.part(), 0);
            int paged = Math.min(total, CninfoWindowPlanner.RECORD_CAP);
            int pages = (paged + 29) / 30;
            int rows = Math.max(0, Math.min(30, paged - step.page() * 30));
            List<Disclosure> items = new ArrayList<>();
            for (int i = 0; i < rows; i++) {
                items.add(row(
                        step.part() + "#" + (step.page() * 30 + i), step.part().from()));
            }
            boolean hasMore = (step.page() + 1) * 30 < paged;
            return new ListingPage(items, step.page(), pages, !hasMore, total, paged, total == 0);
        };
    }

    private static Disclosure row(String id, LocalDate date) {
        return new Disclosure(id, id, "000001", "n", "t", "finalpage/x.PDF", date, "pdf", List.of(), "cninfo", "SZSE");
    }

    /** Runs the plan to its end: the parts paged through, in order, with their pages. */
    private static List<String> run(CninfoWindowPlanner plan, Function<Step, ListingPage> site) throws Exception {
        List<String> log = new ArrayList<>();
        int guard = 0;
        while (!plan.done()) {
            Step step = plan.next();
            Outcome o = plan.onPage(site.apply(step));
            log.add((step.probe() ? "probe " : "page ") + step.part() + " " + step.page() + " " + o);
            if (guard++ > 10_000) {
                throw new AssertionError("endless plan");
            }
        }
        return log;
    }

    @Test
    void aWindowUnderTheCapIsPagedThroughWithItsProbeAsFirstPage() throws Exception {
        Part lane = new Part("fulltext", "szse", "", D1, D3);
        CninfoWindowPlanner plan = new CninfoWindowPlanner(List.of(lane), p -> false);

        List<String> log = run(plan, site(Map.of(lane, 75)));

        assertThat(log)
                .containsExactly(
                        "probe " + lane + " 0 ROWS", "page " + lane + " 1 ROWS", "page " + lane + " 2 LAST_ROWS");
    }

    @Test
    void aWindowOverTheCapIsSplitByDayThenTheBusyDayByCategory() throws Exception {
        Part lane = new Part("relation", "szse", "", D1, D3);
        Map<Part, Integer> totals = new HashMap<>();
        totals.put(lane, 4100);
        totals.put(new Part("relation", "szse", "", D3, D3), 3100);
        totals.put(new Part("relation", "szse", "", D1.plusDays(1), D1.plusDays(1)), 1000);
        totals.put(new Part("relation", "szse", "", D1, D1), 0);
        List<String> cats = CninfoWindowPlanner.RELATION_CATEGORIES;
        totals.put(new Part("relation", "szse", cats.get(0), D3, D3), 2900);
        totals.put(new Part("relation", "szse", cats.get(1), D3, D3), 200);
        CninfoWindowPlanner plan = new CninfoWindowPlanner(List.of(lane), p -> false);

        List<String> log = run(plan, site(totals));

        assertThat(log.get(0)).isEqualTo("probe " + lane + " 0 SPLIT");
        assertThat(log.get(1)).isEqualTo("probe relation/szse 2024-06-19~2024-06-19 0 SPLIT");
        assertThat(log).contains("probe relation/szse/category_dyhd_szdy 2024-06-19~2024-06-19 0 ROWS");
        // every part under the cap, paged in full: 2900 + 200 + 1000 rows = 97 + 7 + 34 pages, and three empty parts
        // (the quiet day, two empty categories) answered by their probe
        long pages = log.stream().filter(l -> l.endsWith("ROWS")).count();
        assertThat(pages).isEqualTo(97 + 7 + 34 + 3);
        assertThat(log).noneMatch(l -> l.contains("2024-06-17~2024-06-19 1 ")); // the split window is not paged
    }

    @Test
    void aSingleDayColumnCategoryAtTheCapIsATypedRefusal() {
        Part part = new Part("fulltext", "sse", "category_rcjy_szsh", D1, D1);
        CninfoWindowPlanner plan = new CninfoWindowPlanner(List.of(part), p -> false);

        assertThatThrownBy(() -> run(plan, site(Map.of(part, 3000))))
                .isInstanceOfSatisfying(ListingException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ListingException.Kind.REFUSED);
                    assertThat(e.refusal()).isEqualTo(Refusal.WINDOW_TOO_LARGE);
                })
                .hasMessageContaining("cannot be split further");
    }

    @Test
    void partsThatAddUpToLessThanTheirParentFailClosed() {
        Part day = new Part("fulltext", "szse", "", D1, D1);
        Map<Part, Integer> totals = new HashMap<>();
        totals.put(day, 3500); // but its known categories hold only 3000: 500 are elsewhere
        totals.put(new Part("fulltext", "szse", "category_rcjy_szsh", D1, D1), 2000);
        totals.put(new Part("fulltext", "szse", "category_dshgg_szsh", D1, D1), 1000);
        CninfoWindowPlanner plan = new CninfoWindowPlanner(List.of(day), p -> false);

        assertThatThrownBy(() -> run(plan, site(totals)))
                .isInstanceOfSatisfying(
                        ListingException.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.SPLIT_INCOMPLETE))
                .hasMessageContaining("fewer than its 3500");
    }

    @Test
    void anEmptyPayloadWhereResultsAreExpectedIsAnAlarm() throws Exception {
        Part lane = new Part("relation", "szse", "", D1, D3);
        // the caller listed rows in this lane before: an all-null answer now is a broken channel
        CninfoWindowPlanner expecting = new CninfoWindowPlanner(List.of(lane), p -> true);
        assertThatThrownBy(() -> run(expecting, site(Map.of())))
                .isInstanceOfSatisfying(
                        ListingException.class,
                        e -> assertThat(e.kind()).isEqualTo(ListingException.Kind.EMPTY_PAYLOAD));

        // without that knowledge it is a true "nothing"
        CninfoWindowPlanner fresh = new CninfoWindowPlanner(List.of(lane), p -> false);
        assertThat(run(fresh, site(Map.of()))).containsExactly("probe " + lane + " 0 LAST_ROWS");

        // a later page of a part whose first page reported more rows
        CninfoWindowPlanner paging = new CninfoWindowPlanner(List.of(lane), p -> false);
        Function<Step, ListingPage> broken = step -> step.page() == 0
                ? site(Map.of(lane, 90)).apply(step)
                : new ListingPage(List.of(), step.page(), 0, true, 0, 0, true);
        assertThatThrownBy(() -> run(paging, broken))
                .isInstanceOfSatisfying(
                        ListingException.class,
                        e -> assertThat(e.kind()).isEqualTo(ListingException.Kind.EMPTY_PAYLOAD))
                .hasMessageContaining("page 2");
    }

    @Test
    void splitsGoByDayNewestFirstThenByCategory() {
        Part window = new Part("fulltext", "bj", "", D1, D3);
        assertThat(CninfoWindowPlanner.split(window)).extracting(Part::from).containsExactly(D3, D1.plusDays(1), D1);
        Part day = new Part("fulltext", "bj", "", D1, D1);
        assertThat(CninfoWindowPlanner.split(day))
                .extracting(Part::category)
                .startsWith(CninfoWindowPlanner.FULLTEXT_CATEGORIES.toArray(String[]::new))
                .endsWith(CninfoWindowPlanner.RELATION_CATEGORIES.toArray(String[]::new))
                .hasSize(30);
        Part two = new Part("relation", "bj", "category_dyhd_szdy;category_lyhd_szdy", D1, D1);
        assertThat(CninfoWindowPlanner.split(two))
                .extracting(Part::category)
                .containsExactly("category_dyhd_szdy", "category_lyhd_szdy");
        assertThat(CninfoWindowPlanner.split(new Part("relation", "bj", "category_dyhd_szdy", D1, D1)))
                .isEmpty();
        assertThat(CninfoWindowPlanner.FULLTEXT_CATEGORIES).hasSize(26).doesNotHaveDuplicates();
    }

    @Test
    void theCallersVerdictSparesPagingOrSplitsAPartThatFits() throws Exception {
        Part lane = new Part("fulltext", "szse", "", D1, D3);
        Part d2 = new Part("fulltext", "szse", "", D1.plusDays(1), D1.plusDays(1));
        Map<Part, Integer> totals = new HashMap<>();
        totals.put(lane, 300);
        totals.put(new Part("fulltext", "szse", "", D3, D3), 100);
        totals.put(d2, 100);
        totals.put(new Part("fulltext", "szse", "", D1, D1), 100);

        // unchanged: the probe is all it costs, however many pages the part has
        CninfoWindowPlanner unchanged =
                new CninfoWindowPlanner(List.of(lane), p -> false, (p, probe) -> CninfoWindowPlanner.Verdict.UNCHANGED);
        assertThat(run(unchanged, site(totals))).containsExactly("probe " + lane + " 0 UNCHANGED");

        // split although it fits: each day probed, only the changed one paged
        CninfoWindowPlanner split = new CninfoWindowPlanner(
                List.of(lane),
                p -> false,
                (p, probe) -> p.equals(lane)
                        ? CninfoWindowPlanner.Verdict.SPLIT
                        : p.equals(d2) ? CninfoWindowPlanner.Verdict.LIST : CninfoWindowPlanner.Verdict.UNCHANGED);
        assertThat(run(split, site(totals)))
                .containsExactly(
                        "probe " + lane + " 0 SPLIT",
                        "probe fulltext/szse 2024-06-19~2024-06-19 0 UNCHANGED",
                        "probe " + d2 + " 0 ROWS",
                        "page " + d2 + " 1 ROWS",
                        "page " + d2 + " 2 ROWS",
                        "page " + d2 + " 3 LAST_ROWS",
                        "probe fulltext/szse 2024-06-17~2024-06-17 0 UNCHANGED");

        // a wanted split still has to add up to its parent
        Map<Part, Integer> short_ = new HashMap<>(totals);
        short_.put(d2, 40);
        CninfoWindowPlanner shortSplit = new CninfoWindowPlanner(
                List.of(lane),
                p -> false,
                (p, probe) -> p.equals(lane) ? CninfoWindowPlanner.Verdict.SPLIT : CninfoWindowPlanner.Verdict.LIST);
        assertThatThrownBy(() -> run(shortSplit, site(short_)))
                .isInstanceOfSatisfying(
                        ListingException.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.SPLIT_INCOMPLETE));

        // a part that cannot be split is paged through
        Part one = new Part("relation", "szse", "category_dyhd_szdy", D1, D1);
        CninfoWindowPlanner unsplittable =
                new CninfoWindowPlanner(List.of(one), p -> false, (p, probe) -> CninfoWindowPlanner.Verdict.SPLIT);
        assertThat(run(unsplittable, site(Map.of(one, 40))))
                .containsExactly("probe " + one + " 0 ROWS", "page " + one + " 1 LAST_ROWS");
    }
}
