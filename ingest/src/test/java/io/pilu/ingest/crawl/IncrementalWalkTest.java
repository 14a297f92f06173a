package io.pilu.ingest.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilu.ingest.listing.Disclosure;
import io.pilu.ingest.listing.ListingFilter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IncrementalWalkTest {

    private static final LocalDate D0 = LocalDate.of(2024, 6, 10);
    private static final Clock CLOCK = Clock.fixed(
            Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC); // after every test date: none is refused as future

    private final ListingSimulator sim = new ListingSimulator();

    private IncrementalWalk walk(CrawlCheckpoint state) {
        return new IncrementalWalk(state, ListingFilter.all(), 2, 10_000, CLOCK);
    }

    private IncrementalWalk fresh() {
        return walk(CrawlCheckpoint.initial("bse", D0));
    }

    @Test
    void firstPassPublishesEverythingFromTheFloorAndSetsTheHighWaterMark() {
        sim.add(D0.minusDays(1), 3); // before the floor: never published
        sim.add(D0, 4);
        sim.add(D0.plusDays(1), 7);
        IncrementalWalk walk = fresh();

        sim.pass(walk);

        assertThat(sim.topic)
                .containsExactlyInAnyOrderElementsOf(sim.items.stream()
                        .filter(d -> !d.publishDate().isBefore(D0))
                        .map(Disclosure::id)
                        .toList());
        assertThat(walk.state().highWater()).isEqualTo(D0.plusDays(1));
        assertThat(walk.state().floor()).isEqualTo(D0); // high water − 2 days is before the initial floor
        assertThat(walk.state().published()).isEqualTo(11);
    }

    @Test
    void rowsDatedAfterTomorrowAreRefusedAndNeverMoveTheHighWaterMark() {
        // "now" is 2024-06-18 in Beijing; a row dated 9999-12-31 (and a full page of them) must not win
        Clock june18 = Clock.fixed(Instant.parse("2024-06-18T02:00:00Z"), ZoneOffset.UTC);
        sim.add(D0, 3);
        sim.add(LocalDate.of(9999, 12, 31), 6); // more than a page of them, listed first
        sim.add(LocalDate.of(2024, 6, 19), 1); // tomorrow in Beijing: still accepted
        IncrementalWalk walk =
                new IncrementalWalk(CrawlCheckpoint.initial("bse", D0), ListingFilter.all(), 2, 10_000, june18);
        List<Disclosure> refused = new java.util.ArrayList<>();

        walk.begin();
        for (int n = 0; ; n++) {
            PageStep step = walk.onPage(sim.page(walk.query(), n));
            refused.addAll(step.refused());
            step.publish().forEach(d -> sim.topic.add(d.id()));
            walk.commit(step);
            if (step.done()) {
                break;
            }
        }

        assertThat(refused)
                .hasSize(6)
                .allSatisfy(d -> assertThat(d.publishDate().getYear()).isEqualTo(9999));
        assertThat(walk.state().highWater()).isEqualTo(LocalDate.of(2024, 6, 19));
        assertThat(sim.topic).hasSize(4);

        // the next good filing is published by the next pass
        Disclosure next = sim.add(LocalDate.of(2024, 6, 19));
        sim.topic.clear();
        sim.pass(walk);
        assertThat(sim.topic).containsExactly(next.id());
    }

    @Test
    void laterPassPublishesOnlyTheNewOnesAndStopsEarly() {
        for (int day = 0; day < 10; day++) {
            sim.add(D0.plusDays(day), 5);
        }
        IncrementalWalk walk = fresh();
        sim.pass(walk);
        sim.topic.clear();
        List<Disclosure> fresh = List.of(sim.add(D0.plusDays(9)), sim.add(D0.plusDays(10)), sim.add(D0.plusDays(10)));

        int pages = sim.pass(walk);

        assertThat(sim.topic)
                .containsExactlyInAnyOrderElementsOf(
                        fresh.stream().map(Disclosure::id).toList());
        // page 0: the 3 new and 2 of day 9; page 1 finishes day 9 and reaches day 8, all known: 2 pages, not 11
        assertThat(pages).isEqualTo(2);
        assertThat(walk.state().highWater()).isEqualTo(D0.plusDays(10));
    }

    @Test
    void newSameDayAnnouncementSortedAfterAFullPageOfSeenOnesIsFound() {
        sim.newestLastWithinDate = true; // the exchange may list a day's newcomers last
        sim.add(D0.minusDays(1), 5);
        sim.add(D0, 12); // more than two pages of the high-water day
        IncrementalWalk walk = fresh();
        sim.pass(walk);
        sim.topic.clear();
        Disclosure late = sim.add(D0);

        sim.pass(walk);

        assertThat(sim.topic).containsExactly(late.id());
    }

    @Test
    void announcementsAppearingOnPageZeroDuringAPassCauseNoDuplicateAndAreFoundNext() {
        sim.add(D0, 12);
        IncrementalWalk walk = fresh();
        sim.pass(walk);
        sim.topic.clear();
        sim.add(D0.plusDays(1), 6);
        Set<String> newcomers = new HashSet<>();
        // while the pass walks, 3 more arrive before page 1 and 2 before page 2: everything shifts down
        sim.pass(walk, -1, n -> {
            if (n == 1 || n == 2) {
                for (int i = 0; i < 4 - n; i++) {
                    newcomers.add(sim.add(D0.plusDays(1)).id());
                }
            }
        });
        sim.pass(walk);

        assertThat(sim.topic).doesNotHaveDuplicates();
        assertThat(Set.copyOf(sim.topic)).containsAll(newcomers).hasSize(6 + 5);
    }

    @Test
    void killedMidPassTheRestartResumesWithNoGapAndNoDuplicate() {
        sim.add(D0, 3);
        sim.add(D0.plusDays(1), 4);
        IncrementalWalk walk = fresh();
        sim.pass(walk);
        for (int day = 2; day < 6; day++) {
            sim.add(D0.plusDays(day), 6);
        }
        // crash before page 3 commits, then a new process reads the committed state back
        assertThat(sim.pass(walk, 3, n -> {})).isEqualTo(-1);
        CrawlCheckpoint afterCrash = walk.state();
        assertThat(afterCrash.highWater())
                .as("the mark only moves when a pass completes")
                .isEqualTo(D0.plusDays(1));
        IncrementalWalk restarted = walk(afterCrash);
        sim.pass(restarted);

        assertThat(sim.topic).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sim.allIds());
    }

    @Test
    void lateListedOlderAnnouncementIsCaughtInsideTheRetainWindowOnly() {
        for (int day = 0; day < 6; day++) {
            sim.add(D0.plusDays(day), 5);
        }
        IncrementalWalk walk = fresh();
        sim.pass(walk);
        sim.topic.clear();
        assertThat(walk.state().floor()).isEqualTo(D0.plusDays(3)); // high water day 5 − 2
        Disclosure insideWindow = sim.add(D0.plusDays(4));
        sim.add(D0.plusDays(1)); // before the floor: older than anything the crawler still tracks
        sim.add(D0.plusDays(6));

        sim.pass(walk);

        assertThat(sim.topic).hasSize(2).contains(insideWindow.id());
        assertThat(sim.topic).noneMatch(id -> id.startsWith("id-" + D0.plusDays(1)));
    }

    @Test
    void filteredOutAnnouncementsAreNeverPublishedAndDoNotKeepThePassGoing() {
        sim.add(D0, 20);
        Disclosure wanted = sim.add(D0);
        ListingFilter onlyWanted = new ListingFilter(Set.of(), wanted.title(), null, null, List.of());
        IncrementalWalk walk = new IncrementalWalk(CrawlCheckpoint.initial("bse", D0), onlyWanted, 2, 100, CLOCK);
        sim.pass(walk);
        assertThat(sim.topic).containsExactly(wanted.id());

        for (int day = 1; day < 5; day++) {
            sim.add(D0.plusDays(day), 10);
        }
        sim.topic.clear();
        sim.pass(walk); // everything is newer than the high-water day: walked, nothing wanted
        sim.add(D0.plusDays(4)); // one more unwanted on the high-water day
        int pages = sim.pass(walk);

        assertThat(sim.topic).isEmpty();
        // two pages of day 4, then a page with the last of day 4 and day 3: below the high-water day and all
        // seen or filtered out, so the pass stops there although nothing on it is in the recently-seen set
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void recentlySeenSetIsBoundedByTheFloorAndTheCap() {
        IncrementalWalk walk =
                new IncrementalWalk(CrawlCheckpoint.initial("bse", D0), ListingFilter.all(), 1, 12, CLOCK);
        for (int day = 0; day < 30; day++) {
            sim.add(D0.plusDays(day), 5);
            sim.pass(walk);
            CrawlCheckpoint c = walk.state();
            assertThat(c.seenCount()).isLessThanOrEqualTo(12);
            assertThat(c.seenByDate().keySet())
                    .allMatch(date -> !LocalDate.parse(date).isBefore(c.floor()));
        }
        assertThat(walk.state().floor()).isEqualTo(D0.plusDays(28));
        assertThat(walk.state().seenByDate())
                .containsOnlyKeys(D0.plusDays(28).toString(), D0.plusDays(29).toString());
        assertThat(sim.topic).doesNotHaveDuplicates().hasSize(150);
    }

    /**
     * The whole contract at once, on random histories: arrivals between and during passes, same-day disorder,
     * crashes at random pages. Whatever happens, every announcement is on the topic exactly once.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void randomHistoriesNeverGapNorDuplicate(long seed) {
        Random random = new Random(seed);
        sim.pageSize = 3 + random.nextInt(5);
        sim.newestLastWithinDate = random.nextBoolean();
        LocalDate today = D0;
        sim.add(today, random.nextInt(10));
        CrawlCheckpoint committed = CrawlCheckpoint.initial("bse", D0);
        IncrementalWalk walk = walk(committed);
        for (int round = 0; round < 40; round++) {
            if (random.nextInt(4) == 0) {
                today = today.plusDays(1);
            }
            LocalDate day = today;
            sim.add(day, random.nextInt(8));
            int crashAt = random.nextInt(3) == 0 ? random.nextInt(4) : -1;
            int pagesBeforeArrival = random.nextInt(4);
            int result = sim.pass(walk, crashAt, n -> {
                if (n == pagesBeforeArrival) {
                    sim.add(day, random.nextInt(4));
                }
            });
            if (result < 0) {
                walk = walk(walk.state()); // a new process from the committed state
            }
        }
        sim.pass(walk);
        sim.pass(walk); // arrivals during the previous pass

        assertThat(sim.topic).doesNotHaveDuplicates();
        assertThat(Set.copyOf(sim.topic)).isEqualTo(Set.copyOf(sim.allIds()));
    }

    @Test
    void stateRoundTripsThroughJson() throws Exception {
        sim.add(D0, 3);
        IncrementalWalk walk = fresh();
        sim.pass(walk);
        String json = io.pilu.model.Json.write(walk.state());
        CrawlCheckpoint back = io.pilu.model.Json.mapper().readValue(json, CrawlCheckpoint.class);
        assertThat(back).isEqualTo(walk.state());
        assertThat(back.seenByDate().get(D0.toString())).hasSize(3);
        assertThat(json).contains("\"highWater\":\"2024-06-10\"");
        assertThat(sim.topic.stream().collect(Collectors.toSet())).hasSize(3);
    }
}
