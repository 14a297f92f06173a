package io.pilu.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilu.model.JsonSerde;
import io.pilu.sink.es.BulkAction;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class EnrichedRecordDecoderTest {

    private final EnrichedRecordDecoder decoder = new EnrichedRecordDecoder(new EnrichedDocumentConverter());

    @Test
    void validRecordBecomesAnUpsertOfItsFiling() {
        byte[] value = JsonSerde.enriched().toBytes(SinkFixtures.ir("ir-1", 2));
        PendingDocument d = decoder.decode("t", 1, 7, "ir-1".getBytes(StandardCharsets.UTF_8), value);
        assertThat(d.action()).isInstanceOf(BulkAction.Arrival.class);
        assertThat(d.documentId()).isEqualTo("ir-1");
        assertThat(d.errorClass()).isNull();
        assertThat(d.topicPartition().partition()).isEqualTo(1);
        assertThat(d.offset()).isEqualTo(7);
    }

    @Test
    void nonJsonValueIsAFailureWithTheParseErrorAndKeepsItsBytes() {
        byte[] value = "<html>not json</html>".getBytes(StandardCharsets.UTF_8);
        PendingDocument d = decoder.decode("t", 0, 3, "k".getBytes(StandardCharsets.UTF_8), value);
        assertThat(d.action()).isNull();
        assertThat(d.errorClass()).isEqualTo(SerializationException.class.getName());
        assertThat(d.errorMessage()).contains("not a valid EnrichedAnnouncement");
        assertThat(d.value()).isEqualTo(value);
    }

    @Test
    void jsonMissingARequiredFieldIsAFailure() {
        PendingDocument d =
                decoder.decode("t", 0, 4, null, "{\"schemaVersion\":1,\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(d.action()).isNull();
        assertThat(d.errorMessage())
                .contains("not a valid EnrichedAnnouncement")
                .contains("enrichmentVersion");
    }

    @Test
    void tombstoneIsAWithdrawalOfTheArrivalItsKeyNames() {
        PendingDocument d = decoder.decode("t", 0, 5, "ir-9".getBytes(StandardCharsets.UTF_8), null);
        assertThat(d.action()).isEqualTo(new BulkAction.Withdraw("ir-9"));
    }

    @Test
    void tombstoneWithoutKeyIsAFailureNotACrash() {
        PendingDocument d = decoder.decode("t", 0, 6, null, null);
        assertThat(d.action()).isNull();
        assertThat(d.errorClass()).isEqualTo(DocumentConversionException.class.getName());
    }
}
