package io.pilu.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class JsonSerdeTest {

    @Test
    void roundTripsEveryEvent() {
        assertThat(JsonSerde.raw().fromBytes(JsonSerde.raw().toBytes(Fixtures.raw())))
                .isEqualTo(Fixtures.raw());
        assertThat(JsonSerde.raw().fromBytes(JsonSerde.raw().toBytes(Fixtures.failedRaw())))
                .isEqualTo(Fixtures.failedRaw());
        EnrichedAnnouncement e = Fixtures.enrichedIr();
        assertThat(JsonSerde.enriched().fromBytes(JsonSerde.enriched().toBytes(e)))
                .isEqualTo(e);
        EntityMention m = EntityMention.of(e, e.entities().get(0));
        assertThat(JsonSerde.entityMention().fromBytes(JsonSerde.entityMention().toBytes(m)))
                .isEqualTo(m);
    }

    @Test
    void writesDatesAsIsoStringsAndChineseAsIs() {
        String json = new String(JsonSerde.raw().toBytes(Fixtures.raw()), StandardCharsets.UTF_8);
        assertThat(json)
                .contains("\"publishDate\":\"2024-06-18\"")
                .contains("\"fetchedAt\":\"2024-06-18T08:00:00Z\"")
                .contains("并行科技")
                .contains("\"schemaVersion\":2")
                .contains("\"source\":\"bse\"")
                .doesNotContain("extractionError");
    }

    @Test
    void readsAVersionOneRecordAsCrawledFromBse() {
        String v1 = "{\"schemaVersion\":1,\"id\":\"x\",\"exchange\":\"BSE\",\"extraction\":\"OK\",\"text\":\"t\"}";
        RawAnnouncement r = JsonSerde.raw().fromBytes(v1.getBytes(StandardCharsets.UTF_8));
        assertThat(r.source()).isEqualTo("bse");
        assertThat(r.schemaVersion()).isEqualTo(1);
    }

    @Test
    void anEnrichedRecordCarriesItsFilingIdAndAVersionOneRecordIsGivenOne() {
        EnrichedAnnouncement e = Fixtures.enrichedIr();
        assertThat(e.filingId()).isEqualTo(FilingIdentity.of(e.announcement()));
        byte[] bytes = JsonSerde.enriched().toBytes(e);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"filingId\":\"" + e.filingId() + "\"");

        String v1 = "{\"schemaVersion\":1,\"id\":\"x\",\"documentClass\":\"OTHER\",\"enrichmentVersion\":3,"
                + "\"announcement\":{\"schemaVersion\":1,\"id\":\"x\",\"exchange\":\"BSE\",\"companyCode\":\"839493\","
                + "\"companyName\":\"并行科技\",\"title\":\"[临时公告]并行科技:投资者关系活动记录表\","
                + "\"publishDate\":\"2024-06-17\",\"extraction\":\"OK\"}}";
        EnrichedAnnouncement old = JsonSerde.enriched().fromBytes(v1.getBytes(StandardCharsets.UTF_8));
        assertThat(old.schemaVersion()).isEqualTo(1);
        assertThat(old.filingId())
                .isEqualTo(FilingIdentity.of(
                        "y", "BSE", "839493", null, java.time.LocalDate.of(2024, 6, 17), "投资者关系活动记录表"));
    }

    @Test
    void aVersionTwoRecordNeedsItsSource() {
        String v2 = "{\"schemaVersion\":2,\"id\":\"x\",\"exchange\":\"SZSE\",\"extraction\":\"OK\"}";
        assertThatThrownBy(() -> JsonSerde.raw().fromBytes(v2.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("source");
    }

    @Test
    void tombstonesStayNull() {
        assertThat(JsonSerde.raw().toBytes(null)).isNull();
        assertThat(JsonSerde.raw().fromBytes(null)).isNull();
    }

    @Test
    void badInputFailsWithTheTypeAndReason() {
        assertThatThrownBy(() -> JsonSerde.raw().fromBytes("{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not a valid RawAnnouncement");
        // valid JSON, but the id every consumer keys on is missing
        assertThatThrownBy(() -> JsonSerde.raw().fromBytes("{\"exchange\":\"BSE\",\"extraction\":\"OK\"}".getBytes()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("id");
    }

    @Test
    void deadLetterKeepsOriginalBytes() {
        byte[] binary = {(byte) 0xff, 0, 1};
        DeadLetter d =
                DeadLetter.of("enrich", "t", 0, 1L, "key".getBytes(), binary, new RuntimeException("x"), Instant.EPOCH);
        DeadLetter back =
                JsonSerde.deadLetter().fromBytes(JsonSerde.deadLetter().toBytes(d));
        assertThat(back.valueBytes()).containsExactly(binary);
        assertThat(back.keyBytes()).containsExactly("key".getBytes());
        assertThat(back.errorMessage()).contains("RuntimeException: x");
    }
}
