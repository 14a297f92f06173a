package io.pilu.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilu.ingest.listing.Disclosure;
import io.pilu.ingest.listing.ListingEndpoint;
import io.pilu.ingest.listing.ListingPage;
import io.pilu.ingest.listing.ListingResponseParser;
import io.pilu.ingest.listing.ListingSchemaException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulator's answers read back through the crawler's own parser: what one writes, the other must accept. */
class ListingResponseWriterTest {

    private static final LocalDate DAY = LocalDate.of(2024, 6, 19);

    /** 7 announcements: company 870436 has 4 on DAY (more than one row holds), then 3 single ones. */
    private static List<SimulatedAnnouncement> site() {
        List<SimulatedAnnouncement> all = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            all.add(BseSimulator.announcement(String.format("%032x", i), "870436", DAY, "公告" + i));
        }
        for (int i = 4; i < 7; i++) {
            all.add(BseSimulator.announcement(String.format("%032x", i), "8300" + i + "0", DAY.minusDays(i), "公告" + i));
        }
        return all;
    }

    private static List<Disclosure> readAll(ListingEndpoint endpoint, List<SimulatedAnnouncement> all, int size)
            throws ListingSchemaException {
        List<Disclosure> out = new ArrayList<>();
        for (int page = 0; ; page++) {
            String body = ListingResponseWriter.page(endpoint, all, page, size, ListingDrift.NONE);
            ListingPage p = ListingResponseParser.parse(endpoint, ListingResponseWriter.jsonp("cb", body));
            assertThat(p.number()).isEqualTo(page);
            out.addAll(p.items());
            if (p.lastPage()) {
                return out;
            }
        }
    }

    @Test
    void bothEndpointsListEveryAnnouncementOnceInOrder() throws Exception {
        List<SimulatedAnnouncement> all = site();
        List<Disclosure> viaA = readAll(ListingEndpoint.COMPANY_ANNOUNCEMENT, all, 3);
        List<Disclosure> viaB = readAll(ListingEndpoint.DISCLOSURE_LIST, all, 2);
        assertThat(viaA)
                .extracting(Disclosure::id)
                .containsExactlyElementsOf(
                        all.stream().map(SimulatedAnnouncement::disclosureCode).toList());
        assertThat(viaB).isEqualTo(viaA);
        Disclosure first = viaA.get(0);
        assertThat(first.destFilePath()).isEqualTo(all.get(0).destFilePath());
        assertThat(first.typeCodes()).containsExactly("9504", "9504-4417");
    }

    @Test
    void endpointBGroupsOneCompanysDayIntoRowsOfAtMostThree() {
        assertThat(ListingResponseWriter.rows(site())).extracting(List::size).containsExactly(3, 1, 1, 1, 1);
        String page0 = ListingResponseWriter.page(ListingEndpoint.DISCLOSURE_LIST, site(), 0, 2, ListingDrift.NONE);
        assertThat(page0).contains("\"totalElements\":5,\"totalPages\":3", "\"totalElements\":7}");
    }

    @Test
    void aRecordWithoutDisclosureCodeOmitsTheKey() {
        SimulatedAnnouncement legacy = new SimulatedAnnouncement(
                null,
                "430047",
                "某公司",
                "[临时公告]某公司:公告",
                "/disclosure/2021/2021-07-19/1626695732_642086.pdf",
                LocalDate.of(2021, 7, 19),
                "pdf",
                "9504",
                null);
        assertThat(legacy.toListingJson().has("disclosureCode")).isFalse();
        assertThat(legacy.toListingJson().has("disclosureSubType")).isFalse();
        assertThat(legacy.toListingJson().get("xxfcbj").asText()).isEqualTo("2");
    }

    @Test
    void everyDriftIsCaughtByTheCrawlersParser() {
        List<SimulatedAnnouncement> all = site();
        for (ListingDrift drift : List.of(
                ListingDrift.MISSING_LIST_INFO, ListingDrift.STATUS_NOT_ZERO, ListingDrift.RECORD_WITHOUT_PATH)) {
            assertThatThrownBy(() -> ListingResponseParser.parse(
                            ListingEndpoint.COMPANY_ANNOUNCEMENT,
                            ListingResponseWriter.jsonp(
                                    null,
                                    ListingResponseWriter.page(
                                            ListingEndpoint.COMPANY_ANNOUNCEMENT, all, 0, 20, drift))))
                    .as("A %s", drift)
                    .isInstanceOf(ListingSchemaException.class);
            assertThatThrownBy(() -> ListingResponseParser.parse(
                            ListingEndpoint.DISCLOSURE_LIST,
                            ListingResponseWriter.jsonp(
                                    "cb",
                                    ListingResponseWriter.page(ListingEndpoint.DISCLOSURE_LIST, all, 0, 20, drift))))
                    .as("B %s", drift)
                    .isInstanceOf(ListingSchemaException.class);
        }
    }

    @Test
    void withoutCallbackTheWrapperIsLiterallyNull() {
        assertThat(ListingResponseWriter.jsonp(null, "[]")).isEqualTo("null([])");
        assertThat(ListingResponseWriter.jsonp("jQuery1_2", "[]")).isEqualTo("jQuery1_2([])");
    }
}
