package io.pilu.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilu.ingest.listing.ListingEndpoint;
import io.pilu.ingest.listing.ListingFilter;
import io.pilu.ingest.listing.ListingFormEncoder;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ListingRequestTest {

    private static final LocalDate DAY = LocalDate.of(2024, 6, 18);
    private static final Map<String, String> BROWSER_HEADERS = Map.of(
            "content-type",
            "application/x-www-form-urlencoded; charset=UTF-8",
            "referer",
            "https://www.bse.cn/disclosure/announcement.html",
            "origin",
            "https://www.bse.cn",
            "x-requested-with",
            "XMLHttpRequest",
            "user-agent",
            "Mozilla/5.0");

    private static String header(Map<String, String> headers, String name) {
        return headers.get(name.toLowerCase());
    }

    /** The body the crawler itself sends, so these tests check the simulator against the real client's form. */
    private static String crawlerForm(ListingEndpoint endpoint, ListingFilter filter, int page) {
        return ListingFormEncoder.encode(endpoint, filter, page);
    }

    private static ListingRequest parse(ListingEndpoint endpoint, String body) throws ContractViolationException {
        return ListingRequest.parse(endpoint, n -> header(BROWSER_HEADERS, n), body);
    }

    @Test
    void theCrawlersOwnRequestsAreAccepted() throws Exception {
        ListingFilter filter = new ListingFilter(Set.of("839493"), "投资者关系活动记录表", DAY.minusDays(3), DAY, List.of());
        ListingRequest a = parse(
                ListingEndpoint.COMPANY_ANNOUNCEMENT, crawlerForm(ListingEndpoint.COMPANY_ANNOUNCEMENT, filter, 2));
        assertThat(a)
                .isEqualTo(new ListingRequest(
                        ListingEndpoint.COMPANY_ANNOUNCEMENT, 2, DAY.minusDays(3), DAY, "投资者关系活动记录表", "839493"));
        ListingRequest b = parse(
                ListingEndpoint.DISCLOSURE_LIST, crawlerForm(ListingEndpoint.DISCLOSURE_LIST, ListingFilter.all(), 0));
        assertThat(b.start()).isNull();
        assertThat(b.keyword()).isEmpty();
    }

    @Test
    void eachBreachOfTheContractIsNamed() {
        String good = crawlerForm(ListingEndpoint.COMPANY_ANNOUNCEMENT, ListingFilter.all(), 0);
        assertThatThrownBy(() -> ListingRequest.parse(
                        ListingEndpoint.COMPANY_ANNOUNCEMENT,
                        n -> n.equals("Content-Type") ? "application/json" : header(BROWSER_HEADERS, n),
                        good))
                .hasMessage("Content-Type application/json");
        assertThatThrownBy(() -> ListingRequest.parse(
                        ListingEndpoint.COMPANY_ANNOUNCEMENT,
                        n -> n.equals("Origin") ? null : header(BROWSER_HEADERS, n),
                        good))
                .hasMessage("missing header Origin");
        assertThatThrownBy(() -> parse(ListingEndpoint.COMPANY_ANNOUNCEMENT, good.replace("sortfield=", "sortField=")))
                .hasMessageStartingWith("missing form field sortfield");
        assertThatThrownBy(() -> parse(
                        ListingEndpoint.COMPANY_ANNOUNCEMENT, good.replaceAll("needFields%5B%5D=destFilePath&?", "")))
                .hasMessageStartingWith("needFields[] lacks required fields");
        assertThatThrownBy(() -> parse(ListingEndpoint.COMPANY_ANNOUNCEMENT, good.replace("page=0", "page=first")))
                .hasMessage("page is not a number: first");
        assertThatThrownBy(() -> parse(
                        ListingEndpoint.COMPANY_ANNOUNCEMENT, good.replace("startTime=", "startTime=2024%2F06%2F01")))
                .hasMessage("startTime is not YYYY-MM-DD: 2024/06/01");
        // endpoint B also needs the fields of the page that calls it
        String a = crawlerForm(ListingEndpoint.COMPANY_ANNOUNCEMENT, ListingFilter.all(), 0);
        assertThatThrownBy(() -> parse(ListingEndpoint.DISCLOSURE_LIST, a))
                .hasMessage("initDisclosureList.do without siteId/flag");
    }

    @Test
    void selectsByDateKeywordAndCompanyNewestFirst() {
        SimulatedAnnouncement old = BseSimulator.announcement("a1", "839493", DAY.minusDays(2), "投资者关系活动记录表");
        SimulatedAnnouncement first = BseSimulator.announcement("a2", "839493", DAY, "投资者关系活动记录表");
        SimulatedAnnouncement other = BseSimulator.announcement("a3", "920007", DAY, "投资者关系活动记录表");
        SimulatedAnnouncement board = BseSimulator.announcement("a4", "839493", DAY, "董事会决议公告");
        List<SimulatedAnnouncement> site = List.of(old, first, other, board);

        ListingRequest all = new ListingRequest(ListingEndpoint.COMPANY_ANNOUNCEMENT, 0, null, null, "", "");
        assertThat(all.select(site, false)).containsExactly(board, other, first, old);
        assertThat(all.select(site, true)).containsExactly(first, other, board, old);

        ListingRequest filtered =
                new ListingRequest(ListingEndpoint.COMPANY_ANNOUNCEMENT, 0, DAY.minusDays(1), DAY, "投资者关系", "839493");
        assertThat(filtered.select(site, false)).containsExactly(first);
        ListingRequest sameOnB =
                new ListingRequest(ListingEndpoint.DISCLOSURE_LIST, 0, DAY.minusDays(1), DAY, "投资者关系", "839493");
        assertThat(sameOnB.select(site, false))
                .as("endpoint B ignores companyCd")
                .containsExactly(other, first);
    }
}
