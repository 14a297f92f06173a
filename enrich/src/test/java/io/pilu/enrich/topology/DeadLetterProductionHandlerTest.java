package io.pilu.enrich.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pilu.model.DeadLetter;
import io.pilu.model.JsonSerde;
import io.pilu.service.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

/** What enrich does when Kafka will not take an output record. */
class DeadLetterProductionHandlerTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DeadLetterProductionHandler handler = new DeadLetterProductionHandler();

    DeadLetterProductionHandlerTest() {
        handler.configure(Map.of(
                DeadLetterProductionHandler.DLQ_TOPIC_CONFIG,
                "pilu.dlq.enrich",
                DeadLetterProductionHandler.METRICS_CONFIG,
                new EnrichMetrics(registry)));
    }

    private static final ErrorHandlerContext CONTEXT = new ErrorHandlerContext() {
        public String topic() {
            return "pilu.announcements.raw";
        }

        public int partition() {
            return 2;
        }

        public long offset() {
            return 41;
        }

        public Headers headers() {
            return new RecordHeaders();
        }

        public String processorNodeId() {
            return "enriched-sink";
        }

        public TaskId taskId() {
            return new TaskId(0, 2);
        }

        public long timestamp() {
            return 0;
        }

        public byte[] sourceRawKey() {
            return "a1".getBytes(StandardCharsets.UTF_8);
        }

        public byte[] sourceRawValue() {
            return null;
        }
    };

    @Test
    void aTooLargeRecordResumesWithAShortenedDeadLetterCarryingTheReason() {
        byte[] value = ("{\"text\":\"" + "营".repeat(400_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>("pilu.announcements.enriched", "a1".getBytes(StandardCharsets.UTF_8), value);

        ProductionExceptionHandler.Response r = handler.handleError(
                CONTEXT, record, new RecordTooLargeException("The message is 1200044 bytes when serialized"));

        assertThat(r.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(r.deadLetterQueueRecords()).hasSize(1);
        ProducerRecord<byte[], byte[]> dlq = r.deadLetterQueueRecords().get(0);
        assertThat(dlq.topic()).isEqualTo("pilu.dlq.enrich");
        DeadLetter letter = JsonSerde.deadLetter().fromBytes(dlq.value());
        assertThat(letter.errorClass()).isEqualTo("RecordTooLargeException");
        assertThat(letter.errorMessage())
                .contains("pilu.announcements.enriched")
                .contains("1200044");
        assertThat(letter.sourceTopic()).isEqualTo("pilu.announcements.raw");
        assertThat(letter.offset()).isEqualTo(41L);
        assertThat(letter.valueTruncated()).isTrue();
        assertThat(letter.originalValueBytes()).isEqualTo(value.length);
        assertThat(dlq.value().length).isLessThan(KafkaSettings.MAX_RECORD_BYTES / 8);
        assertThat(registry.counter("pilu.enrich.failures", "reason", "RecordTooLargeException")
                        .count())
                .isEqualTo(1);
    }

    @Test
    void otherErrorsAndTheDeadLetterTopicItselfKeepTheDefaultFailure() {
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>("pilu.announcements.enriched", new byte[1], new byte[1]);
        assertThat(handler.handleError(CONTEXT, record, new TimeoutException("slow"))
                        .result())
                .isEqualTo(ProductionExceptionHandler.Result.FAIL);
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>("pilu.dlq.enrich", new byte[1], new byte[1]);
        assertThat(handler.handleError(CONTEXT, letter, new RecordTooLargeException("x"))
                        .result())
                .isEqualTo(ProductionExceptionHandler.Result.FAIL);
    }
}
