package io.pilu.enrich.topology;

import io.pilu.model.DeadLetter;
import io.pilu.model.JsonSerde;
import io.pilu.service.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What enrich does with an output record Kafka will not take because it is too large (over the producer's
 * {@code max.request.size}, {@link KafkaSettings#MAX_RECORD_BYTES}, or over a topic's {@code max.message.bytes}):
 * instead of failing the task, which would retry the same record forever, it sends a {@link DeadLetter} with the
 * reason and a shortened payload to {@code pilu.dlq.enrich}, in the same transaction, and moves on. Any other
 * production error keeps Streams' default (fail, and the thread is replaced: such errors are transient).
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {

    /** Config key: the dead-letter topic (set by {@link EnrichConfig#streamsProperties()}). */
    public static final String DLQ_TOPIC_CONFIG = "pilu.enrich.dlq.topic";
    /** Config key: the {@link EnrichMetrics} to count in (an object, set by {@link EnrichService}). */
    public static final String METRICS_CONFIG = "pilu.enrich.metrics";
    /** The failure reason (metric tag and dead letter error class) of a too-large record. */
    public static final String RECORD_TOO_LARGE = "RecordTooLargeException";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterProductionHandler.class);

    private final JsonSerde<DeadLetter> serde = JsonSerde.deadLetter();
    private final Clock clock = Clock.systemUTC();
    private String dlqTopic;
    private EnrichMetrics metrics = EnrichMetrics.discarding();

    @Override
    public void configure(Map<String, ?> configs) {
        Object topic = configs.get(DLQ_TOPIC_CONFIG);
        if (topic == null) {
            throw new IllegalArgumentException(DLQ_TOPIC_CONFIG + " is required");
        }
        dlqTopic = topic.toString();
        if (configs.get(METRICS_CONFIG) instanceof EnrichMetrics m) {
            metrics = m;
        }
    }

    @Override
    public Response handleError(
            ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (!(exception instanceof RecordTooLargeException) || record.topic().equals(dlqTopic)) {
            return Response.fail(); // a dead letter that cannot be sent must not be retried forever either
        }
        int size = record.value() == null ? 0 : record.value().length;
        String reason = "the " + size + "-byte record for " + record.topic() + " is over the record budget ("
                + exception.getMessage() + "); dead-lettered with its value shortened";
        DeadLetter letter = DeadLetter.of(
                        EnrichProcessor.STAGE,
                        context.topic(),
                        context.partition(),
                        context.offset(),
                        record.key(),
                        record.value(),
                        RECORD_TOO_LARGE,
                        reason,
                        clock.instant())
                .shortened(KafkaSettings.DEAD_LETTER_VALUE_CHARS);
        metrics.failed(RECORD_TOO_LARGE);
        log.warn(
                "record {} for {} is too large ({} bytes): sent to {} shortened",
                key(record),
                record.topic(),
                size,
                dlqTopic);
        return Response.resume(List.of(new ProducerRecord<>(dlqTopic, null, record.key(), serde.toBytes(letter))));
    }

    private static String key(ProducerRecord<byte[], byte[]> record) {
        return record.key() == null
                ? "(no key)"
                : io.pilu.service.LogText.escape(new String(record.key(), StandardCharsets.UTF_8));
    }
}
