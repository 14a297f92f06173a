package io.pilu.ingest.simulator.cninfo;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilu.ingest.cninfo.CninfoAnnouncement;
import io.pilu.ingest.cninfo.CninfoPage;
import io.pilu.ingest.cninfo.CninfoQuery;
import io.pilu.ingest.cninfo.CninfoResponseParser;
import io.pilu.ingest.cninfo.CninfoStockList;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulator against the contract (docs/cninfo-contract.md), over HTTP, read by the crawler's parser. */
class CninfoSimulatorTest {

    private static final LocalDate DAY = LocalDate.of(2024, 6, 18);
    private final HttpClient http = HttpClient.newHttpClient();
    private final CninfoSimulator site = CninfoSimulator.start();

    @AfterEach
    void close() {
        site.close();
    }

    private HttpResponse<String> post(String query, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(
                                site.baseUrl() + CninfoSimulator.QUERY_PATH + (query == null ? "" : "?" + query)))
                        .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private CninfoPage page(CninfoQuery q, int pageNum) throws Exception {
        HttpResponse<String> r = post(null, q.formBody(pageNum));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return CninfoResponseParser.parse(r.body(), pageNum);
    }

    private static CninfoQuery szse(String tab) {
        return CninfoQuery.of("szse", tab);
    }

    @Test
    void clampsThePageSizeTo30AndPagesNewestFirst() throws Exception {
        site.generateDay(DAY, 75, "SZSE", "category_rcjy_szsh");
        HttpResponse<String> r = post(null, szse("fulltext").formBody(1).replace("pageSize=30", "pageSize=100"));
        CninfoPage first = CninfoResponseParser.parse(r.body(), 1);
        assertThat(first.announcements()).hasSize(30);
        assertThat(first.totalAnnouncement()).isEqualTo(75);
        assertThat(first.totalRecordNum()).isEqualTo(75);
        assertThat(first.totalpages()).isEqualTo(3);
        assertThat(first.hasMore()).isTrue();
        CninfoPage third = page(szse("fulltext"), 3);
        assertThat(third.announcements()).hasSize(15);
        assertThat(third.hasMore()).isFalse();
        CninfoPage fourth = page(szse("fulltext"), 4);
        assertThat(fourth.announcements()).isEmpty();
        assertThat(fourth.emptyPayload()).isFalse();
        List<Long> times = first.announcements().stream()
                .map(a -> a.announcementTime().toEpochMilli())
                .toList();
        assertThat(times).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        // a smaller page size is honoured
        CninfoPage small = CninfoResponseParser.parse(
                post(null, szse("fulltext").formBody(1).replace("pageSize=30", "pageSize=10"))
                        .body(),
                1);
        assertThat(small.announcements()).hasSize(10);
        assertThat(small.totalpages()).isEqualTo(8);
    }

    @Test
    void capsTotalRecordNumAt3000AndServesAtMost100Pages() throws Exception {
        site.generateDay(DAY, 3100, "SSE", "category_rcjy_szsh");
        CninfoPage first = page(szse("fulltext"), 1);
        assertThat(first.totalAnnouncement()).isEqualTo(3100);
        assertThat(first.totalRecordNum()).isEqualTo(3000);
        assertThat(first.totalpages()).isEqualTo(100);
        CninfoPage last = page(szse("fulltext"), 100);
        assertThat(last.announcements()).hasSize(30);
        assertThat(last.hasMore()).isFalse();
        assertThat(page(szse("fulltext"), 101).announcements()).isEmpty();
        // the 100 oldest are unreachable in this window: only a narrower query finds them
        Set<String> seen = new HashSet<>();
        for (int p = 1; p <= 100; p++) {
            page(szse("fulltext"), p).announcements().forEach(a -> seen.add(a.announcementId()));
        }
        assertThat(seen).hasSize(3000);
    }

    @Test
    void filtersByColumnTabCategoryStockKeywordAndWindow() throws Exception {
        site.add(CninfoSimulator.announcement(
                "1001", "000001", "gssz0000001", "SZSE", DAY, "投资者关系活动记录表", "category_dyhd_szdy"));
        site.add(CninfoSimulator.announcement(
                "1002", "600519", "gssh0600519", "SSE", DAY, "年度报告", "category_ndbg_szsh"));
        site.add(CninfoSimulator.announcement(
                "1003", "839493", "gfbj0839493", "BSE", DAY.plusDays(1), "投资者关系活动记录表", "category_rcjy_szsh"));
        site.add(CninfoSimulator.announcement(
                "1004", "300750", "GD165627", "SZSE", DAY.plusDays(2), "董事会决议公告", "category_dshgg_szsh"));

        assertThat(ids(szse("fulltext"))).containsExactly("1004", "1002", "1001");
        assertThat(ids(szse("relation"))).containsExactly("1001");
        assertThat(ids(CninfoQuery.of("sse", "fulltext"))).containsExactly("1002");
        assertThat(ids(CninfoQuery.of("bj", "fulltext"))).containsExactly("1003");
        assertThat(ids(szse("fulltext").withCategory("category_ndbg_szsh;category_dshgg_szsh")))
                .containsExactly("1004", "1002");
        assertThat(ids(szse("fulltext").withPlate("sh"))).containsExactly("1002");
        assertThat(ids(szse("fulltext").withPlate("szcy"))).containsExactly("1004");
        // stock needs code,orgId: a bare code or a wrong orgId matches nothing
        assertThat(ids(szse("fulltext").withStocks(java.util.Map.of("300750", "GD165627"))))
                .containsExactly("1004");
        assertThat(page(szse("fulltext").withStocks(java.util.Map.of("300750", "gssz0300750")), 1)
                        .totalAnnouncement())
                .isZero();
        assertThat(ids(new CninfoQuery("szse", "fulltext", "", "300750", "", "", null, null)))
                .isEmpty();
        // seDate: both ends included by default; the end can be made exclusive
        assertThat(ids(szse("fulltext").withDates(DAY, DAY.plusDays(1)))).containsExactly("1002", "1001");
        site.settings(site.settings().withEndDateInclusive(false));
        assertThat(ids(szse("fulltext").withDates(DAY, DAY.plusDays(2)))).containsExactly("1002", "1001");
        site.settings(site.settings().withEndDateInclusive(true));
        // relation records are in fulltext too unless told otherwise
        site.settings(site.settings().withIrAlsoInFulltext(false));
        assertThat(ids(szse("fulltext"))).containsExactly("1004", "1002");
        site.settings(site.settings().withSzseColumnIncludesBse(true));
        assertThat(ids(szse("fulltext"))).containsExactly("1004", "1003", "1002");
    }

    @Test
    void aKeywordIsHighlightedWithEmTags() throws Exception {
        site.add(CninfoSimulator.announcement(
                "2001", "000001", "gssz0000001", "SZSE", DAY, "2024年6月18日投资者关系活动记录表", "category_dyhd_szdy"));
        site.add(CninfoSimulator.announcement(
                "2002", "000002", "gssz0000002", "SZSE", DAY, "董事会决议公告", "category_dshgg_szsh"));
        HttpResponse<String> r =
                post(null, szse("fulltext").withSearchkey("投资者关系").formBody(1));
        assertThat(r.body()).contains("\"announcementTitle\":\"2024年6月18日<em>投资者关系</em>活动记录表\"");
        CninfoPage page = CninfoResponseParser.parse(r.body(), 1);
        assertThat(page.announcements()).extracting(CninfoAnnouncement::title).containsExactly("2024年6月18日投资者关系活动记录表");
        assertThat(post(
                                null,
                                szse("fulltext")
                                        .withSearchkey("投资者关系")
                                        .formBody(1)
                                        .replace("isHLtitle=true", "isHLtitle=false"))
                        .body())
                .doesNotContain("<em>");
    }

    @Test
    void acceptsTheFieldsInTheQueryStringOfAPost() throws Exception {
        site.generateDay(DAY, 3, "SZSE", "category_dyhd_szdy");
        HttpResponse<String> r = post(szse("relation").formBody(1), "");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(CninfoResponseParser.parse(r.body(), 1).announcements()).hasSize(3);
        assertThat(site.contractViolations()).isEmpty();
    }

    @Test
    void refusesAGetAndUnknownValuesWithAContractError() throws Exception {
        HttpResponse<String> get = http.send(
                HttpRequest.newBuilder(URI.create(site.baseUrl() + CninfoSimulator.QUERY_PATH + "?"
                                + szse("fulltext").formBody(1)))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(400);
        assertThat(post(null, szse("fulltext").formBody(1).replace("column=szse", "column=hke"))
                        .statusCode())
                .isEqualTo(400);
        assertThat(post(null, szse("fulltext").formBody(1).replace("tabName=fulltext", "tabName=dy"))
                        .statusCode())
                .isEqualTo(400);
        assertThat(post(null, szse("fulltext").formBody(1).replace("seDate=", "seDate=2024-06-01"))
                        .statusCode())
                .isEqualTo(400);
        assertThat(post(null, szse("fulltext").formBody(1).replace("pageNum=1", "pageNum=0"))
                        .statusCode())
                .isEqualTo(400);
        HttpResponse<String> json = http.send(
                HttpRequest.newBuilder(URI.create(site.baseUrl() + CninfoSimulator.QUERY_PATH))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"column\":\"szse\",\"tabName\":\"fulltext\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(site.contractViolations())
                .hasSize(6)
                .anySatisfy(
                        v -> assertThat(v).contains("query body sent as application/json (a form body is expected)"))
                .anySatisfy(v -> assertThat(v).contains("query sent with GET (POST expected)"))
                .anySatisfy(v -> assertThat(v).contains("column must be one of szse, sse, bj, got \"hke\""))
                .anySatisfy(v -> assertThat(v).contains("tabName must be fulltext or relation"))
                .anySatisfy(v -> assertThat(v).contains("seDate must be YYYY-MM-DD~YYYY-MM-DD"))
                .anySatisfy(v -> assertThat(v).contains("pageNum must be a positive integer"));
    }

    @Test
    void servesTheStockListAndDocuments() throws Exception {
        List<SimulatedCninfoAnnouncement> day = site.generateDay(DAY, 2, "SZSE");
        site.company("839493", "gfbj0839493", "并行科技", "BSE");
        String list = http.send(
                        HttpRequest.newBuilder(URI.create(site.baseUrl() + CninfoSimulator.STOCK_LIST_PATH))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        var stocks = CninfoStockList.parse(list);
        assertThat(stocks.get(day.get(0).secCode()).orgId())
                .isEqualTo(day.get(0).orgId());
        assertThat(stocks.get("839493").orgId()).isEqualTo("gfbj0839493");
        site.settings(site.settings().withStockListIncludesBse(false));
        assertThat(CninfoStockList.parse(http.send(
                                HttpRequest.newBuilder(URI.create(site.baseUrl() + CninfoSimulator.STOCK_LIST_PATH))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body()))
                .doesNotContainKey("839493");
        HttpResponse<byte[]> doc = http.send(
                HttpRequest.newBuilder(URI.create(
                                site.documentBaseUrl() + "/" + day.get(0).adjunctUrl()))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(doc.statusCode()).isEqualTo(200);
        assertThat(doc.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(new String(doc.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(http.send(
                                HttpRequest.newBuilder(URI.create(site.documentBaseUrl() + "/finalpage/x/1.PDF"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void generatedDaysFallOnTheirBeijingDateAndMixCategories() {
        List<SimulatedCninfoAnnouncement> day = site.generateDay(DAY, 4000, "SZSE");
        assertThat(day)
                .hasSize(4000)
                .allSatisfy(a -> assertThat(a.publishDate()).isEqualTo(DAY));
        assertThat(day.stream().map(SimulatedCninfoAnnouncement::announcementId).distinct())
                .hasSize(4000);
        // split by category, every part fits under the 3000 cap
        assertThat(day.stream()
                        .collect(java.util.stream.Collectors.groupingBy(
                                SimulatedCninfoAnnouncement::category, java.util.stream.Collectors.counting()))
                        .values())
                .allSatisfy(n -> assertThat(n).isLessThan(3000));
    }

    private List<String> ids(CninfoQuery q) throws Exception {
        return page(q, 1).announcements().stream()
                .map(CninfoAnnouncement::announcementId)
                .toList();
    }
}
