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
