package io.pilu.ingest.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilu.ingest.listing.Disclosure;
import io.pilu.ingest.listing.ListingFilter;
import io.pilu.model.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackfillWalkTest {

    private static final LocalDate FROM = LocalDate.of(2024, 1, 1);
    private static final LocalDate TO = LocalDate.of(2024, 1, 10);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-07-01T00:00:00Z"), ZoneOffset.UTC);

    private final ListingSimulator sim = new ListingSimulator();
    private final ListingFilter range = new ListingFilter(Set.of(), null, FROM, TO, List.of());

    private BackfillWalk walk(BackfillCheckpoint state) {
        return new BackfillWalk(state, range, CLOCK);
    }

    private void history() {
        sim.add(FROM.minusDays(1), 4); // outside the range
        for (int day = 0; day < 10; day++) {
            sim.add(FROM.plusDays(day), day % 3 == 0 ? 7 : 2); // some days span page boundaries
        }
        sim.add(TO.plusDays(1), 4); // outside the range
    }

    private List<String> inRange() {
        return sim.items.stream()
                .filter(d -> !d.publishDate().isBefore(FROM) && !d.publishDate().isAfter(TO))
                .map(Disclosure::id)
                .toList();
    }

    @Test
    void walksTheWholeRangeOnce() {
        history();
        BackfillWalk walk = walk(BackfillCheckpoint.initial("bse", FROM, TO));
        sim.pass(walk);
        assertThat(sim.topic).containsExactlyInAnyOrderElementsOf(inRange());
        assertThat(walk.state().done()).isTrue();
        assertThat(walk.state().published()).isEqualTo(inRange().size());
    }

    /** Kill -9 before the commit of each possible page, twice in a row: still everything exactly once. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7})
    void killedAtAnyPageResumesAtTheFrontierWithNoGapNorDuplicate(int crashPage) {
        history();
        BackfillWalk walk = walk(BackfillCheckpoint.initial("bse", FROM, TO));
        sim.pass(walk, crashPage, n -> {});
        BackfillCheckpoint afterFirstCrash = Json.mapper()
                .convertValue(
                        Json.mapper().valueToTree(walk.state()),
                        BackfillCheckpoint.class); // through JSON, as from Kafka
        BackfillWalk second = walk(afterFirstCrash);
        sim.pass(second, 1, n -> {});
        BackfillWalk third = walk(second.state());
        sim.pass(third);

        assertThat(sim.topic).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(inRange());
    }

    @Test
    void restartListsFromTheFrontierNotFromPageZero() {
        history();
        BackfillWalk walk = walk(BackfillCheckpoint.initial("bse", FROM, TO));
        sim.pass(walk, 3, n -> {});
        BackfillCheckpoint state = walk.state();
        assertThat(state.frontier()).isNotNull().isBefore(TO);
        BackfillWalk restarted = walk(state);
        assertThat(restarted.query().to()).isEqualTo(state.frontier());
        assertThat(restarted.query().from()).isEqualTo(FROM);
        assertThat(state.frontierIds()).allMatch(id -> id.startsWith("id-" + state.frontier()));
    }
}
