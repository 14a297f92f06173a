package io.pilu.ingest.crawl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilu.ingest.cninfo.CninfoClientConfig;
import io.pilu.ingest.cninfo.CninfoQuery;
import io.pilu.ingest.fixture.CninfoRows;
import io.pilu.ingest.listing.Disclosure;
import io.pilu.ingest.listing.ListingPage;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The incremental cninfo walk on a pure fake of the listing: both tabs and shifting pages published once, a crash in
 * the middle of a pass resumed with no gap and no duplicate, the high-water mark moved only by a complete pass, and
 * an empty relation tab on a busy day taken for the broken channel it is.
 */
class CninfoWalkTest {

    private static final LocalDate DAY = LocalDate.of(2024, 6, 18);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-19T02:00:00Z"), ZoneOffset.UTC);

    private final CninfoCrawlSource source = new CninfoCrawlSource(
            CninfoClientConfig.defaults(),
            List.of("szse"),
            List.of("fulltext", "relation"),
            List.of(),
            Set.of(),
            null,
            null);

    /** One listed announcement: which tabs list it. */
    private record Row(Disclosure d, boolean fulltext, boolean relation) {}

    private final List<Row> rows = new ArrayList<>();
    private final List<String> topic = new ArrayList<>();

    private void add(int n, boolean fulltext, boolean relation) {
        for (int i = 0; i < n; i++) {
            String id = Integer.toString(1_000_000 + rows.size());
            rows.add(new Row(CninfoRows.row(id, DAY), fulltext, relation));
        }
    }

    /** The site: newest (last added) first, 30 a page, an all-null payload for no match. */
    private ListingPage page(PageRequest<CninfoQuery> r) {
        CninfoQuery q = r.query();
        List<Disclosure> matching = new ArrayList<>();
        for (int i = rows.size() - 1; i >= 0; i--) {
            Row row = rows.get(i);
            boolean inTab = q.tabName().equals("relation") ? row.relation() : row.fulltext();
            if (inTab
                    && !row.d().publishDate().isBefore(q.from())
                    && !row.d().publishDate().isAfter(q.to())) {
                matching.add(row.d());
            }
        }
        int from = Math.min(matching.size(), r.page() * 30);
        List<Disclosure> slice = matching.subList(from, Math.min(matching.size(), from + 30));
        boolean hasMore = from + 30 < matching.size();
        return new ListingPage(
                slice,
                r.page(),
                (matching.size() + 29) / 30,
                !hasMore,
                matching.size(),
                matching.size(),
                matching.isEmpty());
    }

    /** One pass, committing page by page into {@link #topic}; -1 when it crashed before committing page n. */
    private int pass(CninfoWalk walk, int crashBeforeCommitOfPage, Function<Integer, Void> beforePage)
            throws ListingException {
        walk.begin();
        for (int n = 0; n < 10_000; n++) {
            beforePage.apply(n);
            PageStep step = walk.onPage(page(walk.request()));
            if (n == crashBeforeCommitOfPage) {
                return -1;
            }
            step.publish().forEach(d -> topic.add(d.id()));
            walk.commit(step);
            if (step.done()) {
                return n + 1;
            }
        }
        throw new AssertionError("pass did not end");
    }

    private CninfoWalk walk(CrawlCheckpoint committed) {
        return new CninfoWalk(source, committed, DAY.minusDays(1), DAY.plusDays(1), 2, 100_000, CLOCK);
    }

    @Test
    void bothTabsAndRowsPushedAcrossPagesArePublishedOnceAndTheHighWaterMovesAtTheEnd() throws Exception {
        add(70, true, false);
        add(20, true, true); // 调研 records listed in both tabs
        CninfoWalk walk = walk(CrawlCheckpoint.initial("cninfo", DAY.minusDays(1)));

        // new rows arrive on top while the pass pages: every row moves down, some show up on two pages
        pass(walk, -1, n -> {
            if (n == 1) {
                add(5, true, false);
            }
            return null;
        });

        // the newcomers sit above the pages already read: the next pass, whose window still holds their day, finds them
        assertThat(topic).doesNotHaveDuplicates().hasSize(90);
        assertThat(walk.state().highWater()).isEqualTo(DAY);
        pass(walk, -1, n -> null);
        assertThat(topic).doesNotHaveDuplicates().hasSize(95);
        assertThat(walk.state().published()).isEqualTo(95);
    }

    @Test
    void aCrashInTheMiddleOfAPassResumesWithNoGapAndNoDuplicate() throws Exception {
        add(100, true, false);
        add(10, true, true);
        CninfoWalk first = walk(CrawlCheckpoint.initial("cninfo", DAY.minusDays(1)));
        assertThat(pass(first, 2, n -> null)).isEqualTo(-1); // killed before page 3 committed
        CrawlCheckpoint committed = first.state();
        assertThat(committed.highWater()).as("moves only when a pass completes").isNull();
        assertThat(topic).hasSize(60);

        CninfoWalk resumed = walk(committed); // a new process from the committed checkpoint
        pass(resumed, -1, n -> null);

        assertThat(topic).doesNotHaveDuplicates().hasSize(110);
        assertThat(resumed.state().highWater()).isEqualTo(DAY);
    }

    @Test
    void anEmptyRelationTabOnABusyDayIsTheBrokenChannelNotNothing() throws Exception {
        add(CninfoWalk.BUSY_DAY_ROWS, true, false); // a busy fulltext day, and not one 调研 record: broken

        CninfoWalk walk = walk(CrawlCheckpoint.initial("cninfo", DAY.minusDays(1)));

        assertThatThrownBy(() -> pass(walk, -1, n -> null))
                .isInstanceOfSatisfying(
                        ListingException.class,
                        e -> assertThat(e.kind()).isEqualTo(ListingException.Kind.EMPTY_PAYLOAD));
        assertThat(walk.state().highWater()).isNull();

        // a quiet day with an empty relation tab is just that
        rows.clear();
        topic.clear();
        add(10, true, false);
        CninfoWalk quiet = walk(CrawlCheckpoint.initial("cninfo", DAY.minusDays(1)));
        pass(quiet, -1, n -> null);
        assertThat(topic).hasSize(10);
    }
}
