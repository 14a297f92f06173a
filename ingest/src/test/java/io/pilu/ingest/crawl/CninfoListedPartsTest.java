package io.pilu.ingest.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilu.ingest.crawl.CninfoWindowPlanner.Part;
import io.pilu.ingest.listing.Disclosure;
import io.pilu.ingest.listing.ListingPage;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a cninfo process knows it listed in full, and when a probe shows a part unchanged. */
class CninfoListedPartsTest {

    private static final LocalDate D1 = LocalDate.of(2024, 6, 17);
    private static final LocalDate D2 = D1.plusDays(1);

    private static Disclosure row(String id, LocalDate day) {
        return new Disclosure(
                id, id, "000001", "n", "t", "finalpage/" + id + ".PDF", day, "pdf", List.of(), "cninfo", "SZSE");
    }

    private static ListingPage probe(long total, Disclosure... items) {
        return new ListingPage(List.of(items), 0, 1, true, total, total, total == 0);
    }

    private final CninfoListedParts parts = new CninfoListedParts();

    @Test
    void aWindowIsKnownWhenEachOfItsDaysIsAndUnchangedOnlyWhenCountAndFirstPageAgree() {
        Part window = new Part("fulltext", "szse", "", D1, D2);
        assertThat(parts.known(window)).isNull();

        parts.record(new Part("fulltext", "szse", "", D1, D1), List.of(row("a", D1), row("b", D1)));
        assertThat(parts.known(window)).as("D2 never listed").isNull();
        parts.record(new Part("fulltext", "szse", "", D2, D2), List.of());
        assertThat(parts.known(window)).containsExactlyInAnyOrder("a", "b");

        assertThat(parts.unchanged(window, probe(2, row("a", D1), row("b", D1))))
                .isTrue();
        assertThat(parts.unchanged(window, probe(3, row("a", D1), row("b", D1))))
                .as("one more")
                .isFalse();
        assertThat(parts.unchanged(window, probe(2, row("c", D2), row("a", D1))))
                .as("one new on top")
                .isFalse();
        assertThat(parts.unchanged(new Part("fulltext", "szse", "", D2, D2), probe(0)))
                .isTrue();
        assertThat(parts.unchanged(new Part("relation", "szse", "", D1, D1), probe(0)))
                .as("other lane")
                .isFalse();
        assertThat(parts.unchanged(new Part("fulltext", "bj", "", D1, D1), probe(0)))
                .as("other column")
                .isFalse();
    }

    @Test
    void aDayListedByCategoryIsKnownWhenEveryCategoryIs() {
        Part day = new Part("relation", "szse", "", D1, D1);
        List<String> categories = CninfoWindowPlanner.RELATION_CATEGORIES;
        for (int i = 0; i < categories.size() - 1; i++) {
            parts.record(new Part("relation", "szse", categories.get(i), D1, D1), List.of(row("r" + i, D1)));
        }
        assertThat(parts.known(day)).isNull();
        assertThat(parts.knowsPartOf(day)).isTrue();

        parts.record(new Part("relation", "szse", categories.get(categories.size() - 1), D1, D1), List.of());
        assertThat(parts.known(day)).containsExactlyInAnyOrder("r0", "r1", "r2");
        // and so is the window made of that day
        assertThat(parts.known(new Part("relation", "szse", "", D1, D1))).hasSize(3);
    }

    @Test
    void aLaterFullListingReplacesWhatWasKnownAndRowsOutsideTheWindowAreNotTaken() {
        Part day = new Part("fulltext", "szse", "", D1, D1);
        parts.record(day, List.of(row("a", D1), row("b", D1)));
        parts.record(day, List.of(row("a", D1), row("x", D2))); // b withdrawn; x is not of this day

        assertThat(parts.known(day)).containsExactly("a");
        assertThat(parts.known(new Part("fulltext", "szse", "", D2, D2))).isNull();
    }

    @Test
    void forgottenDaysAreUnknown() {
        Part window = new Part("fulltext", "szse", "", D1, D2);
        parts.record(window, List.of(row("a", D1), row("b", D2)));
        parts.forgetBefore(D2);

        assertThat(parts.known(window)).isNull();
        assertThat(parts.known(new Part("fulltext", "szse", "", D2, D2))).containsExactly("b");
    }
}
