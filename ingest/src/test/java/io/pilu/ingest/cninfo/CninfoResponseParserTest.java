package io.pilu.ingest.cninfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilu.ingest.cninfo.CninfoSchemaException.Kind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CninfoResponseParserTest {

    /** The contract's example record (§1). */
    static final String EXAMPLE_ROW = "{\"id\":null,\"secCode\":\"000001\",\"secName\":\"平安银行\","
            + "\"orgId\":\"gssz0000001\",\"announcementId\":\"1218213960\","
            + "\"announcementTitle\":\"2023年10月24日投资者关系活动记录表\",\"shortTitle\":null,"
            + "\"announcementTime\":1698143712000,\"adjunctUrl\":\"finalpage/2023-10-24/1218213960.PDF\","
            + "\"adjunctSize\":312,\"adjunctType\":\"PDF\",\"storageTime\":null,\"columnId\":\"250401||251302\","
            + "\"pageColumn\":\"SZZB\",\"announcementType\":\"01239901||012399\",\"associateAnnouncement\":null,"
            + "\"important\":null,\"batchNum\":null,\"announcementContent\":null,\"orgName\":null,"
            + "\"announcementTypeName\":null,\"tileSecName\":null,\"secNameList\":null}";

    static String payload(String announcements, int total, int records, int pages, boolean hasMore) {
        return "{\"classifiedAnnouncements\":null,\"totalSecurities\":1,\"totalAnnouncement\":" + total
                + ",\"totalRecordNum\":" + records + ",\"announcements\":" + announcements
                + ",\"categoryList\":null,\"hasMore\":" + hasMore + ",\"totalpages\":" + pages + "}";
    }

    static String row(String id, long millis, String adjunctUrl) {
        return EXAMPLE_ROW
                .replace("1218213960", id)
                .replace("1698143712000", Long.toString(millis))
                .replace("finalpage/2023-10-24/" + id + ".PDF", adjunctUrl);
    }

    @Test
    void readsTheContractsExample() throws Exception {
        CninfoPage page = CninfoResponseParser.parse(payload("[" + EXAMPLE_ROW + "]", 1, 1, 1, false), 1);
        assertThat(page.pageNum()).isEqualTo(1);
        assertThat(page.totalAnnouncement()).isEqualTo(1);
        assertThat(page.totalRecordNum()).isEqualTo(1);
        assertThat(page.totalpages()).isEqualTo(1);
        assertThat(page.hasMore()).isFalse();
        assertThat(page.emptyPayload()).isFalse();
        assertThat(page.droppedScriptRows()).isZero();
        CninfoAnnouncement a = page.announcements().get(0);
        assertThat(a.announcementId()).isEqualTo("1218213960");
        assertThat(a.secCode()).isEqualTo("000001");
        assertThat(a.secName()).isEqualTo("平安银行");
        assertThat(a.orgId()).isEqualTo("gssz0000001");
        assertThat(a.title()).isEqualTo("2023年10月24日投资者关系活动记录表");
        assertThat(a.announcementTime()).isEqualTo(Instant.ofEpochMilli(1698143712000L));
        assertThat(a.publishDate()).isEqualTo(LocalDate.of(2023, 10, 24));
        assertThat(a.adjunctUrl()).isEqualTo("finalpage/2023-10-24/1218213960.PDF");
        assertThat(a.adjunctSize()).isEqualTo(312L);
        assertThat(a.adjunctType()).isEqualTo("PDF");
        assertThat(a.fileType()).isEqualTo("pdf");
        assertThat(a.announcementTypes()).containsExactly("01239901", "012399");
        assertThat(a.columnIds()).containsExactly("250401", "251302");
        assertThat(a.pageColumn()).isEqualTo("SZZB");
    }

    @Test
    void publishDateIsTheBeijingDateOfTheInstant() throws Exception {
        // Beijing midnight of 2019-10-22 is still 2019-10-21 in UTC; a re-release at 18:20:27 Beijing time
        String rows = "[" + row("1206997843", 1571673600000L, "finalpage/2019-10-22/1206997843.PDF") + ","
                + row("1225558999", 1777544427000L, "finalpage/2026-04-30/1225558999.PDF") + "]";
        List<CninfoAnnouncement> a =
                CninfoResponseParser.parse(payload(rows, 2, 2, 1, false), 1).announcements();
        assertThat(a.get(0).announcementTime()).isEqualTo(Instant.parse("2019-10-21T16:00:00Z"));
        assertThat(a.get(0).publishDate()).isEqualTo(LocalDate.of(2019, 10, 22));
        assertThat(a.get(1).announcementTime()).isEqualTo(Instant.parse("2026-04-30T10:20:27Z"));
        assertThat(a.get(1).publishDate()).isEqualTo(LocalDate.of(2026, 4, 30));
        // one millisecond before Beijing midnight is still the day before
        CninfoAnnouncement late = CninfoResponseParser.parse(
                        payload("[" + row("1", 1571673599999L, "finalpage/2019-10-21/1.PDF") + "]", 1, 1, 1, false), 1)
                .announcements()
                .get(0);
        assertThat(late.publishDate()).isEqualTo(LocalDate.of(2019, 10, 21));
    }

    @Test
    void nullAnnouncementsIsAnEmptyPageAndTheAllZeroPayloadIsFlagged() throws Exception {
        CninfoPage empty = CninfoResponseParser.parse(payload("null", 0, 0, 0, false), 1);
        assertThat(empty.announcements()).isEmpty();
        assertThat(empty.emptyPayload()).isTrue();
        // a page past the end of a non-empty result: null rows, but the totals are not zero
        CninfoPage past = CninfoResponseParser.parse(payload("null", 40, 40, 2, false), 3);
        assertThat(past.announcements()).isEmpty();
        assertThat(past.emptyPayload()).isFalse();
        // an empty array is an answer, not the broken-channel payload
        assertThat(CninfoResponseParser.parse(payload("[]", 0, 0, 0, false), 1).emptyPayload())
                .isFalse();
    }

    @Test
    void stripsHighlightTagsFromTitleAndName() throws Exception {
        String r = EXAMPLE_ROW
                .replace("\"平安银行\"", "\"<em>平安</em>银行\"")
                .replace("2023年10月24日投资者关系活动记录表", "2023年10月24日<EM>投资者关系</EM>活动记录表");
        CninfoAnnouncement a = CninfoResponseParser.parse(payload("[" + r + "]", 1, 1, 1, false), 1)
                .announcements()
                .get(0);
        assertThat(a.secName()).isEqualTo("平安银行");
        assertThat(a.title()).isEqualTo("2023年10月24日投资者关系活动记录表");
    }

    @Test
    void dropsAndCountsScriptRows() throws Exception {
        String rows = "[" + row("11", 1698143712000L, "finalpage/2023-10-24/11.PDF") + ","
                + row("12", 1698143712000L, "finalpage/js/cninfo.js") + ","
                // a script row need not carry the other fields
                + "{\"adjunctUrl\":\"/new/js/x.JS \"}]";
        CninfoPage page = CninfoResponseParser.parse(payload(rows, 3, 3, 1, false), 1);
        assertThat(page.announcements())
                .extracting(CninfoAnnouncement::announcementId)
                .containsExactly("11");
        assertThat(page.droppedScriptRows()).isEqualTo(2);
    }

    @Test
    void optionalFieldsMayBeNullOrAbsent() throws Exception {
        String r = "{\"secCode\":\"600519\",\"announcementId\":\"1219000001\",\"announcementTime\":1698143712000,"
                + "\"adjunctUrl\":\"finalpage/2023-10-24/1219000001.PDF\",\"secName\":null,\"adjunctSize\":null,"
                + "\"announcementType\":null}";
        CninfoAnnouncement a = CninfoResponseParser.parse(payload("[" + r + "]", 1, 1, 1, false), 1)
                .announcements()
                .get(0);
        assertThat(a.secName()).isEmpty();
        assertThat(a.orgId()).isEmpty();
        assertThat(a.title()).isEmpty();
        assertThat(a.adjunctSize()).isNull();
        assertThat(a.adjunctType()).isNull();
        assertThat(a.fileType()).isEqualTo("pdf");
        assertThat(a.announcementTypes()).isEmpty();
        assertThat(a.columnIds()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"totalAnnouncement", "totalRecordNum", "totalpages", "hasMore", "announcements"})
    void aMissingTopLevelFieldFailsNamingIt(String field) {
        String body = payload("[" + EXAMPLE_ROW + "]", 1, 1, 1, false)
                .replaceFirst("\"" + field + "\":(null|true|false|\\d+|\\[.*\\](?=,\"categoryList))", "\"x\":0");
        assertThat(body).doesNotContain("\"" + field + "\"");
        assertThatThrownBy(() -> CninfoResponseParser.parse(body, 1))
                .isInstanceOf(CninfoSchemaException.class)
                .hasMessageContaining("$." + field)
                .satisfies(e -> assertThat(((CninfoSchemaException) e).kind()).isEqualTo(Kind.SHAPE))
                .satisfies(
                        e -> assertThat(((CninfoSchemaException) e).retryable()).isFalse());
    }

    @Test
    void mistypedTotalsFailNamingTheField() {
        assertThatThrownBy(() -> CninfoResponseParser.parse(
                        payload("null", 0, 0, 0, false).replace("\"totalRecordNum\":0", "\"totalRecordNum\":\"0\""), 1))
                .hasMessageContaining("$.totalRecordNum: expected a non-negative integer, got string \"0\"");
        assertThatThrownBy(() -> CninfoResponseParser.parse(
                        payload("null", 0, 0, 0, false).replace("\"totalpages\":0", "\"totalpages\":1.5"), 1))
                .hasMessageContaining("$.totalpages");
        assertThatThrownBy(() -> CninfoResponseParser.parse(
                        payload("null", 0, 0, 0, false).replace("\"hasMore\":false", "\"hasMore\":\"false\""), 1))
                .hasMessageContaining("$.hasMore: expected a boolean");
        assertThatThrownBy(() -> CninfoResponseParser.parse(payload("{}", 0, 0, 0, false), 1))
                .hasMessageContaining("$.announcements: expected an array or null, got object");
        assertThatThrownBy(() -> CninfoResponseParser.parse(payload("[1]", 1, 1, 1, false), 1))
                .hasMessageContaining("$.announcements[0]: expected an announcement object, got number");
        assertThatThrownBy(() -> CninfoResponseParser.parse("[" + payload("null", 0, 0, 0, false) + "]", 1))
                .hasMessageContaining("$: expected a JSON object, got array");
    }

    @ParameterizedTest
    @ValueSource(strings = {"announcementId", "secCode", "announcementTime", "adjunctUrl"})
    void aRowWithoutARequiredFieldFailsNamingIt(String field) {
        String r = EXAMPLE_ROW.replaceFirst("\"" + field + "\":(\"[^\"]*\"|\\d+)", "\"x\":null");
        assertThat(r).doesNotContain("\"" + field + "\"");
        assertThatThrownBy(() -> CninfoResponseParser.parse(payload("[" + r + "]", 1, 1, 1, false), 1))
                .isInstanceOf(CninfoSchemaException.class)
                .hasMessageContaining("$.announcements[0]." + field + ": expected")
                .hasMessageContaining("key missing");
        String nulled = EXAMPLE_ROW.replaceFirst("\"" + field + "\":(\"[^\"]*\"|\\d+)", "\"" + field + "\":null");
        assertThatThrownBy(() -> CninfoResponseParser.parse(payload("[" + nulled + "]", 1, 1, 1, false), 1))
                .hasMessageContaining("$.announcements[0]." + field + ": expected");
    }

    @Test
    void mistypedRowFieldsFailNamingTheField() {
        assertThatThrownBy(() -> parseRow(EXAMPLE_ROW.replace("\"1218213960\"", "\"12182x3960\"")))
                .hasMessageContaining("announcements[0].announcementId: expected a numeric string, got \"12182x3960\"");
        assertThatThrownBy(() -> parseRow(EXAMPLE_ROW.replace("\"1218213960\"", "1218213960")))
                .hasMessageContaining("announcements[0].announcementId: expected a string, got number");
        assertThatThrownBy(() -> parseRow(EXAMPLE_ROW.replace("1698143712000", "\"2023-10-24\"")))
                .hasMessageContaining("announcements[0].announcementTime: expected epoch milliseconds");
        assertThatThrownBy(() -> parseRow(EXAMPLE_ROW.replace("1698143712000", "-5")))
                .hasMessageContaining("announcementTime");
        assertThatThrownBy(() -> parseRow(EXAMPLE_ROW.replace("\"adjunctSize\":312", "\"adjunctSize\":\"312KB\"")))
                .hasMessageContaining("announcements[0].adjunctSize: expected an integer or null");
        assertThatThrownBy(() -> parseRow(EXAMPLE_ROW.replace("\"SZZB\"", "[\"SZZB\"]")))
                .hasMessageContaining("announcements[0].pageColumn: expected a string, got array");
        assertThatThrownBy(() -> parseRow(EXAMPLE_ROW.replace("\"000001\"", "\"  \"")))
                .hasMessageContaining("announcements[0].secCode: empty");
    }

    private static CninfoPage parseRow(String row) throws CninfoSchemaException {
        return CninfoResponseParser.parse(payload("[" + row + "]", 1, 1, 1, false), 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n", "\uFEFF"})
    void anEmptyBodyIsRetryable(String body) {
        assertThatThrownBy(() -> CninfoResponseParser.parse(body, 1))
                .isInstanceOf(CninfoSchemaException.class)
                .hasMessageContaining("empty response body")
                .satisfies(e -> assertThat(((CninfoSchemaException) e).kind()).isEqualTo(Kind.EMPTY_BODY))
                .satisfies(
                        e -> assertThat(((CninfoSchemaException) e).retryable()).isTrue());
        assertThatThrownBy(() -> CninfoResponseParser.parse(null, 1))
                .satisfies(e -> assertThat(((CninfoSchemaException) e).kind()).isEqualTo(Kind.EMPTY_BODY));
    }

    @Test
    void truncatedJsonIsRetryableWhereverItIsCut() {
        String whole = payload(
                "[" + EXAMPLE_ROW + "," + EXAMPLE_ROW.replace("1218213960", "1218213961") + "]", 2, 2, 1, false);
        for (int i = 1; i < whole.length(); i++) {
            int cut = i;
            String part = whole.substring(0, cut);
            assertThatThrownBy(() -> CninfoResponseParser.parse(part, 1))
                    .as("cut at %d: %s", cut, part)
                    .isInstanceOf(CninfoSchemaException.class)
                    .satisfies(e -> assertThat(((CninfoSchemaException) e).kind())
                            .as("cut at %d", cut)
                            .isEqualTo(Kind.TRUNCATED))
                    .hasMessageContaining("truncated JSON");
        }
    }

    @Test
    void anHtmlChallengePageIsNotRetryable() {
        String page = "<!DOCTYPE html><html><head><title>安全验证</title></head>"
                + "<body><script>var _0x=1;</script>请完成验证</body></html>";
        assertThatThrownBy(() -> CninfoResponseParser.parse("\r\n " + page, 1))
                .isInstanceOf(CninfoSchemaException.class)
                .hasMessageContaining("HTML where a JSON object is expected")
                .satisfies(e -> assertThat(((CninfoSchemaException) e).kind()).isEqualTo(Kind.CHALLENGE_PAGE))
                .satisfies(
                        e -> assertThat(((CninfoSchemaException) e).retryable()).isFalse());
    }

    @Test
    void garbageIsNotJson() {
        assertThatThrownBy(() -> CninfoResponseParser.parse("系统繁忙, 请稍后再试 {}", 1))
                .isInstanceOf(CninfoSchemaException.class)
                .satisfies(e -> assertThat(((CninfoSchemaException) e).kind()).isEqualTo(Kind.NOT_JSON))
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> CninfoResponseParser.parse("callback({\"a\":1})", 1))
                .satisfies(e -> assertThat(((CninfoSchemaException) e).kind()).isEqualTo(Kind.NOT_JSON));
    }
}
