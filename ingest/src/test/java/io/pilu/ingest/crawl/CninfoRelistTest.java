package io.pilu.ingest.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilu.ingest.cninfo.CninfoClientConfig;
import io.pilu.ingest.cninfo.CninfoQuery;
import io.pilu.ingest.fixture.CninfoRows;
import io.pilu.ingest.fixture.MutableClock;
import io.pilu.ingest.listing.Disclosure;
import io.pilu.ingest.listing.ListingPage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What an incremental cninfo poll costs the site once a process has listed its window: a part whose first page shows
 * no change is not paged through again, and what changed is still published, each once. On a fake of the listing
 * with the site's caps (30 rows a page, 3,000 rows paged per query, newest first, category and date filters).
 */
class CninfoRelistTest {

    private static final LocalDate DAY = LocalDate.of(2024, 6, 18);
    private static final List<String> CATEGORIES =
            List.of("category_rcjy_szsh", "category_dshgg_szsh", "category_gddh_szsh", "category_gszl_szsh");

    private record Row(Disclosure d, String category, boolean relation) {}

    private final List<Row> rows = new ArrayList<>();
    private final List<String> topic = new ArrayList<>();
    /** The passes' start times decide when a full re-listing is due. */
    private final MutableClock clock = new MutableClock(Instant.parse("2024-06-18T08:00:00Z"));

    private int requests;
    private int seq;

    private Row add(LocalDate day, String category, boolean relation) {
        String id = Integer.toString(1_000_000 + seq++);
        Row row = new Row(CninfoRows.row(id, day), category, relation);
        rows.add(row);
        return row;
    }

    /** {@code perDay} fulltext rows a day over the categories in turn, and a tenth as many 调研 rows. */
    private void fill(LocalDate from, LocalDate to, int perDay) {
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            for (int i = 0; i < perDay; i++) {
                add(d, CATEGORIES.get(i % CATEGORIES.size()), false);
            }
            for (int i = 0; i < perDay / 10; i++) {
                add(d, "category_dyhd_szdy", true);
            }
        }
    }

    /** The site: newest (last added) first, 30 a page, the paged count capped at 3,000, all-null for no match. */
    private ListingPage page(PageRequest<CninfoQuery> r) {
        requests++;
        CninfoQuery q = r.query();
        Set<String> categories =
                q.category().isEmpty() ? Set.of() : Set.of(q.category().split(";"));
        List<Disclosure> matching = new ArrayList<>();
        for (int i = rows.size() - 1; i >= 0; i--) {
            Row row = rows.get(i);
            if (row.relation() == q.tabName().equals("relation")
                    && (categories.isEmpty() || categories.contains(row.category()))
                    && !row.d().publishDate().isBefore(q.from())
                    && !row.d().publishDate().isAfter(q.to())) {
                matching.add(row.d());
            }
        }
        int paged = Math.min(matching.size(), CninfoWindowPlanner.RECORD_CAP);
        int from = Math.min(paged, r.page() * 30);
        List<Disclosure> slice = matching.subList(from, Math.min(paged, from + 30));
        return new ListingPage(
                slice, r.page(), (paged + 29) / 30, from + 30 >= paged, matching.size(), paged, matching.isEmpty());
    }

    /** One pass committing every page; the listing requests it made. */
    private int pass(CninfoWalk walk) throws ListingException {
        return pass(walk, null);
    }

    /** One pass that stops before committing the page that would publish {@code crashOn} (null: never); -1 then. */
    private int pass(CninfoWalk walk, String crashOn) throws ListingException {
        requests = 0;
        walk.begin();
        for (int n = 0; n < 100_000; n++) {
            PageStep step = walk.onPage(page(walk.request()));
            if (step.publish().stream().anyMatch(d -> d.id().equals(crashOn))) {
                return -1;
            }
            step.publish().forEach(d -> topic.add(d.id()));
            walk.commit(step);
            if (step.done()) {
                return requests;
            }
        }
        throw new AssertionError("pass did not end");
    }

    private CninfoWalk walk(Duration fullRelistInterval) {
        CninfoCrawlSource source = new CninfoCrawlSource(
                CninfoClientConfig.defaults(),
                List.of("szse"),
                List.of("fulltext", "relation"),
                List.of(),
                Set.of(),
                null,
                fullRelistInterval);
        // the window: the three days before DAY to tomorrow (DAY + 1)
        return new CninfoWalk(
                source, CrawlCheckpoint.initial("cninfo", DAY.minusDays(3)), null, null, 3, 1_000_000, clock);
    }

    @Test
    void aSecondPollOfAnUnchangedBusyWindowCostsOneProbePerLane() throws Exception {
        fill(DAY.minusDays(3), DAY, 4000); // 4 days of 4,000 announcements (+400 调研 records) each
        CninfoWalk walk = walk(Duration.ofHours(1));

        int first = pass(walk);
        assertThat(topic).hasSize(4 * 4400).doesNotHaveDuplicates();
        clock.now = clock.now.plusSeconds(300);
        int second = pass(walk);

        assertThat(second).as("one probe per lane (fulltext, relation)").isEqualTo(2);
        assertThat(first).as("the first pass pages through the window").isGreaterThan(16_000 / 30);
        assertThat(topic).hasSize(4 * 4400);
    }

    @Test
    void whatArrivesIsPublishedOnceAndOnlyTheChangedPartsArePaged() throws Exception {
        fill(DAY.minusDays(3), DAY, 4000);
        CninfoWalk walk = walk(Duration.ofHours(1));
        int first = pass(walk);

        List<String> arrived = new ArrayList<>();
        for (int i = 0; i < 45; i++) { // today, one category
            arrived.add(add(DAY, CATEGORIES.get(1), false).d().id());
        }
        arrived.add(add(DAY.minusDays(2), CATEGORIES.get(3), false).d().id()); // a late one, two days back
        arrived.add(add(DAY, "category_dyhd_szdy", true).d().id());
        clock.now = clock.now.plusSeconds(300);
        int second = pass(walk);

        assertThat(topic).hasSize(4 * 4400 + 47).doesNotHaveDuplicates().containsAll(arrived);
        // fulltext: the lane's probe; its 5 days (4 + tomorrow) probed; the two changed days over the cap split into
        // 30 categories, probed; the changed categories paged (1,045 rows: 35 pages, the probe the first; 1,001: 34).
        // relation (1,601 rows, fits): the lane's probe, its 5 days probed, the changed day paged (401: 14 pages)
        int fulltext = 1 + 5 + 2 * (30 - 1) + 35 + 34;
        int relation = 1 + 5 + 14 - 1;
        assertThat(second).isEqualTo(fulltext + relation).isLessThan(first / 4);
        // and a third poll with nothing new is back to one probe per lane
        clock.now = clock.now.plusSeconds(300);
        assertThat(pass(walk)).isEqualTo(2);
    }

    @Test
    void aChangeTheCountsCannotShowIsFoundByTheNextFullRelisting() throws Exception {
        fill(DAY.minusDays(1), DAY, 100);
        CninfoWalk walk = walk(Duration.ofHours(1));
        pass(walk);

        // one announcement withdrawn and another listed where a newest-first page does not show it: same count
        Row withdrawn = rows.remove(rows.size() - 20);
        Row hidden = add(DAY, withdrawn.category(), false);
        rows.remove(hidden);
        rows.add(0, hidden);
        clock.now = clock.now.plusSeconds(300);
        pass(walk);
        assertThat(topic)
                .as("the blind spot the interval bounds")
                .doesNotContain(hidden.d().id());

        clock.now = clock.now.plus(Duration.ofHours(1));
        int full = pass(walk);
        assertThat(topic).contains(hidden.d().id()).doesNotHaveDuplicates();
        assertThat(full).as("a full re-listing pages everything").isGreaterThan(2);
        clock.now = clock.now.plusSeconds(300);
        assertThat(pass(walk)).isEqualTo(2);
    }

    @Test
    void aZeroIntervalListsEverythingEveryPoll() throws Exception {
        fill(DAY.minusDays(1), DAY, 300);
        CninfoWalk walk = walk(Duration.ZERO);

        int first = pass(walk);
        clock.now = clock.now.plusSeconds(300);

        assertThat(pass(walk)).isEqualTo(first);
    }

    @Test
    void aPartWhoseLastPageWasNotCommittedIsListedAgain() throws Exception {
        fill(DAY.minusDays(1), DAY, 100);
        CninfoWalk walk = walk(Duration.ofHours(1));
        pass(walk);
        Row late = add(DAY, CATEGORIES.get(0), false);
        rows.remove(late);
        rows.add(0, late); // listed last: on the page that completes its day

        // the page completing the part that holds the new row is never committed
        clock.now = clock.now.plusSeconds(300);
        assertThat(pass(walk, late.d().id())).isEqualTo(-1);
        assertThat(topic).doesNotContain(late.d().id());

        // the crawler's next pass, same process: the part is not taken as known
        clock.now = clock.now.plusSeconds(300);
        pass(walk);
        assertThat(topic).contains(late.d().id()).doesNotHaveDuplicates();
        assertThat(new HashSet<>(topic)).hasSize(rows.size());
    }
}
