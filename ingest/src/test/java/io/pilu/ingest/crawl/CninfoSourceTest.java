package io.pilu.ingest.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pilu.ingest.CrawlMetrics;
import io.pilu.ingest.cninfo.CninfoAnnouncement;
import io.pilu.ingest.cninfo.CninfoPage;
import io.pilu.ingest.listing.Disclosure;
import io.pilu.ingest.listing.ListingPage;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How a cninfo page becomes the crawl loop's page: ids, exchange, totals, and rows refused for want of an exchange. */
class CninfoSourceTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CrawlMetrics metrics = new CrawlMetrics(registry, CrawlMetrics.CNINFO);
    private final CninfoSource source = new CninfoSource(null, metrics, Set.of());

    private static CninfoAnnouncement row(String id, String code) {
        return new CninfoAnnouncement(
                id,
                code,
                "名" + code,
                "org" + code,
                "投资者关系活动记录表",
                Instant.parse("2024-06-18T10:00:00Z"),
                LocalDate.of(2024, 6, 18),
                "finalpage/2024-06-18/" + id + ".PDF",
                12L,
                "PDF",
                List.of("01239901", "012399"),
                List.of("250401"),
                "SZZB");
    }

    @Test
    void rowsBecomeDisclosuresOfTheirExchangeAndAnUnknownOneIsRefusedAndCounted() {
        CninfoPage page = new CninfoPage(
                List.of(row("1", "000001"), row("2", "688529"), row("3", "510300"), row("4", "839493")),
                2,
                4000,
                3000,
                100,
                true,
                1,
                false);

        ListingPage listing = source.toListing("szse", page, 1);

        assertThat(listing.items())
                .extracting(Disclosure::id, Disclosure::exchange, Disclosure::source)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("cninfo-1", "SZSE", "cninfo"),
                        org.assertj.core.groups.Tuple.tuple("cninfo-2", "SSE", "cninfo"),
                        org.assertj.core.groups.Tuple.tuple("cninfo-4", "BSE", "cninfo"));
        assertThat(listing.items().get(0).fileType()).isEqualTo("pdf");
        assertThat(listing.items().get(0).typeCodes()).containsExactly("01239901", "012399");
        assertThat(listing.number()).isEqualTo(1);
        assertThat(listing.totalElements()).isEqualTo(4000);
        assertThat(listing.pagedTotal()).isEqualTo(3000);
        assertThat(listing.lastPage()).isFalse();
        assertThat(registry.get("pilu.crawl.refusals")
                        .tag("reason", "unknown_exchange")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    void theBjColumnIsBeijingWhateverTheCodeAndTheEmptyPayloadIsPassedOn() {
        CninfoPage empty = new CninfoPage(List.of(), 1, 0, 0, 0, false, 0, true);
        assertThat(source.toListing("bj", empty, 0).emptyPayload()).isTrue();
        assertThat(source.toListing("bj", empty, 0).lastPage()).isTrue();

        CninfoPage one = new CninfoPage(List.of(row("9", "123456")), 1, 1, 1, 1, false, 0, false);
        assertThat(source.toListing("bj", one, 0).items())
                .extracting(Disclosure::exchange)
                .containsExactly("BSE");
    }
}
