package io.pilu.ingest.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListingResponseParserTest {

    private static final String RECORD_1 = "{\"disclosureCode\":\"6adf2dc9960c5876a0b1c2d3e4f5a6b7\","
            + "\"disclosureTitle\":\"[临时公告]并行科技:投资者关系活动记录表\",\"disclosurePostTitle\":\"\","
            + "\"disclosureType\":\"9504\",\"disclosureSubType\":\"9504-4417\",\"companyCd\":\"839493\","
            + "\"companyName\":\"并行科技\",\"publishDate\":\"2024-06-18\",\"fileExt\":\"pdf\","
            + "\"destFilePath\":\"/disclosure/2024/2024-06-18/6adf2dc9960c5876a0b1c2d3e4f5a6b7.pdf\","
            + "\"xxzrlx\":\"B\",\"xxfcbj\":\"2\"}";
    private static final String RECORD_2 = "{\"disclosureTitle\":\"[定期报告]某公司:2020年年度报告\","
            + "\"companyCd\":\"430047\",\"companyName\":\"某公司\",\"publishDate\":\"2021-07-19\",\"fileExt\":\"\","
            + "\"destFilePath\":\"/disclosure/2021/2021-07-19/1626695732_642086.pdf\",\"xxzrlx\":\"B\","
            + "\"xxfcbj\":\"2\"}";

    static String shapeA(String... records) {
        return "null([{\"listInfo\":{\"content\":[" + String.join(",", records) + "],\"firstPage\":true,"
                + "\"lastPage\":false,\"number\":0,\"numberOfElements\":2,\"size\":20,\"sort\":null,"
                + "\"totalElements\":1450,\"totalPages\":73},\"status\":0}])";
    }

    static String shapeB(String... rows) {
        return "jQuery3310_17({\"data\":{\"content\":[" + String.join(",", rows) + "],\"numberOfElements\":2,"
                + "\"sort\":null,\"totalElements\":665,\"totalPages\":73,\"firstPage\":true,\"lastPage\":false,"
                + "\"size\":20,\"number\":0}})";
    }

    @Test
    void bothShapesGiveTheSameDomainObjects() throws Exception {
        ListingPage a = ListingResponseParser.parse(ListingEndpoint.COMPANY_ANNOUNCEMENT, shapeA(RECORD_1, RECORD_2));
        ListingPage b = ListingResponseParser.parse(
                ListingEndpoint.DISCLOSURE_LIST,
                shapeB(
                        "{\"disclosures\":[" + RECORD_1 + "],\"totalElements\":1450}",
                        "{\"disclosures\":[" + RECORD_2 + "],\"totalElements\":1450}"));

        assertThat(a.items()).isEqualTo(b.items());
        assertThat(a.totalPages()).isEqualTo(73);
        assertThat(a.lastPage()).isFalse();
        assertThat(a.number()).isZero();

        Disclosure first = a.items().get(0);
        assertThat(first)
                .isEqualTo(new Disclosure(
                        "6adf2dc9960c5876a0b1c2d3e4f5a6b7",
                        "6adf2dc9960c5876a0b1c2d3e4f5a6b7",
                        "839493",
                        "并行科技",
                        "[临时公告]并行科技:投资者关系活动记录表",
                        "/disclosure/2024/2024-06-18/6adf2dc9960c5876a0b1c2d3e4f5a6b7.pdf",
                        LocalDate.of(2024, 6, 18),
                        "pdf",
                        List.of("9504", "9504-4417")));
        Disclosure second = a.items().get(1);
        assertThat(second.disclosureCode()).isNull();
        assertThat(second.id())
                .isEqualTo(AnnouncementIds.of(null, "/disclosure/2021/2021-07-19/1626695732_642086.pdf"));
        assertThat(second.fileType())
                .as("empty fileExt falls back to the path's extension")
                .isEqualTo("pdf");
        assertThat(second.typeCodes()).isEmpty();
    }

    @Test
    void groupedRowsOfEndpointBAreFlattenedInOrder() throws Exception {
        ListingPage b = ListingResponseParser.parse(
                ListingEndpoint.DISCLOSURE_LIST,
                shapeB("{\"disclosures\":[" + RECORD_1 + "," + RECORD_2 + "],\"totalElements\":2}"));
        assertThat(b.items()).extracting(Disclosure::companyCode).containsExactly("839493", "430047");
    }

    @Test
    void statusOtherThanZeroIsASchemaError() {
        String body = shapeA(RECORD_1).replace("\"status\":0", "\"status\":1");
        assertThatThrownBy(() -> ListingResponseParser.parse(ListingEndpoint.COMPANY_ANNOUNCEMENT, body))
                .isInstanceOf(ListingSchemaException.class)
                .hasMessageContaining("status 1");
        String b = shapeB().replace("{\"data\"", "{\"status\":-1,\"data\"");
        assertThatThrownBy(() -> ListingResponseParser.parse(ListingEndpoint.DISCLOSURE_LIST, b))
                .isInstanceOf(ListingSchemaException.class)
                .hasMessageContaining("status -1");
    }

    @Test
    void missingKeysAreNamedWithTheirPath() {
        assertThatThrownBy(() ->
                        ListingResponseParser.parse(ListingEndpoint.COMPANY_ANNOUNCEMENT, "null([{\"status\":0}])"))
                .hasMessageContaining("$[0].listInfo")
                .hasMessageContaining("key missing");
        assertThatThrownBy(() -> ListingResponseParser.parse(
                        ListingEndpoint.COMPANY_ANNOUNCEMENT,
                        shapeA(RECORD_1).replace("\"totalPages\":73", "\"pages\":73")))
                .hasMessageContaining("$[0].listInfo.totalPages");
        assertThatThrownBy(() -> ListingResponseParser.parse(
                        ListingEndpoint.COMPANY_ANNOUNCEMENT,
                        shapeA(RECORD_1.replace("\"destFilePath\"", "\"filePath\""))))
                .hasMessageContaining("$[0].listInfo.content[0].destFilePath");
        assertThatThrownBy(() -> ListingResponseParser.parse(ListingEndpoint.DISCLOSURE_LIST, shapeB("{\"items\":[]}")))
                .hasMessageContaining("$.data.content[0].disclosures");
    }

    @Test
    void theWrongShapeForTheEndpointIsRefused() {
        assertThatThrownBy(() -> ListingResponseParser.parse(ListingEndpoint.DISCLOSURE_LIST, shapeA(RECORD_1)))
                .isInstanceOf(ListingSchemaException.class)
                .hasMessageContaining("expected a JSON object");
        assertThatThrownBy(() -> ListingResponseParser.parse(ListingEndpoint.COMPANY_ANNOUNCEMENT, shapeB()))
                .isInstanceOf(ListingSchemaException.class)
                .hasMessageContaining("JSON array");
    }

    @Test
    void badDatesAndBrokenJsonAreSchemaErrors() {
        assertThatThrownBy(() -> ListingResponseParser.parse(
                        ListingEndpoint.COMPANY_ANNOUNCEMENT, shapeA(RECORD_1.replace("2024-06-18\"", "2024/06/18\""))))
                .hasMessageContaining("not a YYYY-MM-DD date");
        assertThatThrownBy(() -> ListingResponseParser.parse(ListingEndpoint.COMPANY_ANNOUNCEMENT, "null([{)"))
                .isInstanceOf(ListingSchemaException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void dateWithATimeIsReadAsTheDate() throws Exception {
        ListingPage a = ListingResponseParser.parse(
                ListingEndpoint.COMPANY_ANNOUNCEMENT,
                shapeA(RECORD_1.replace("2024-06-18\"", "2024-06-18 00:00:00\"")));
        assertThat(a.items().get(0).publishDate()).isEqualTo(LocalDate.of(2024, 6, 18));
    }
}
