package io.pilu.enrich.topology;

import io.pilu.model.DeadLetter;
import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.JsonSerde;
import io.pilu.model.RawAnnouncement;
import io.pilu.service.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiFunction;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Turns one raw record (bytes) into an {@link EnrichOutcome}. Input is consumed as bytes on purpose: a value that is
 * not a valid {@link RawAnnouncement} becomes a dead letter carrying the original bytes and the parse error, inside
 * the same exactly-once transaction, instead of a deserialization failure that would stop or silently skip.
 */
final class EnrichProcessor implements Processor<byte[], byte[], String, EnrichOutcome> {

    static final String STAGE = "enrich";
    /** Dead-letter reasons of records that are readable but unusable (also the failure metric's tag values). */
    static final String TOMBSTONE_WITHOUT_KEY = "TombstoneWithoutKey";

    static final String KEY_MISMATCH = "KeyMismatch";

    private final BiFunction<RawAnnouncement, Instant, EnrichedAnnouncement> enricher;
    private final Clock clock;
    private final EnrichMetrics metrics;
    private final JsonSerde<RawAnnouncement> serde = JsonSerde.raw();
    private final JsonSerde<EnrichedAnnouncement> enrichedSerde = JsonSerde.enriched();
    private final int maxRecordBytes;
    private ProcessorContext<String, EnrichOutcome> context;

    EnrichProcessor(
            BiFunction<RawAnnouncement, Instant, EnrichedAnnouncement> enricher,
            Clock clock,
            EnrichMetrics metrics,
            int maxRecordBytes) {
        this.enricher = enricher;
        this.clock = clock;
        this.metrics = metrics;
        this.maxRecordBytes = maxRecordBytes;
    }

    @Override
    public void init(ProcessorContext<String, EnrichOutcome> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (record.value() == null) {
            if (key == null) {
                deadLetter(record, null, TOMBSTONE_WITHOUT_KEY, "a null value with a null key identifies nothing");
                return;
            }
            metrics.tombstone();
            context.forward(record.withKey(key).withValue(new EnrichOutcome.Tombstone()));
            return;
        }
        long started = System.nanoTime();
        RawAnnouncement raw;
        try {
            raw = serde.fromBytes(record.value());
        } catch (RuntimeException e) {
            deadLetter(record, key, e);
            return;
        }
        if (key != null && !key.equals(raw.id())) {
            // The key decides the partition and the downstream document id; a mismatch means a broken producer.
            deadLetter(
                    record,
                    key,
                    KEY_MISMATCH,
                    "record key '" + key + "' differs from the announcement id '" + raw.id() + "'");
            return;
        }
        EnrichedAnnouncement enriched;
        try {
            enriched = enricher.apply(raw, clock.instant());
        } catch (RuntimeException e) {
            deadLetter(record, key, e);
            return;
        }
        // An output over the topics' limit would fail the whole exactly-once transaction, again and again: it is
        // dead-lettered here with the reason and a shortened payload (the production exception handler catches
        // what this check cannot see, e.g. a topic whose limit shrank after start).
        byte[] bytes = enrichedSerde.toBytes(enriched);
        int size = bytes.length;
        if (size > maxRecordBytes) {
            deadLetter(
                    record,
                    key,
                    DeadLetterProductionHandler.RECORD_TOO_LARGE,
                    "the enriched record is " + size + " bytes, over the " + maxRecordBytes
                            + "-byte limit of the output topics; dead-lettered with the raw value shortened",
                    true);
            return;
        }
        metrics.enriched(
                enriched.documentClass(), enriched.entities().size(), Duration.ofNanos(System.nanoTime() - started));
        context.forward(record.withKey(enriched.id()).withValue(new EnrichOutcome.Enriched(enriched, bytes)));
    }

    private void deadLetter(Record<byte[], byte[]> record, String key, RuntimeException error) {
        // the metric's reason is the short name, the letter keeps the full one and the cause chain
        metrics.failed(error.getClass().getSimpleName());
        forwardDeadLetter(record, key, error.getClass().getName(), DeadLetter.describe(error), false);
    }

    private void deadLetter(Record<byte[], byte[]> record, String key, String errorClass, String message) {
        deadLetter(record, key, errorClass, message, false);
    }

    /**
     * @param shortened the original value cut to {@link KafkaSettings#DEAD_LETTER_VALUE_CHARS}: the dead letter of a
     *     record too large to produce must itself fit
     */
    private void deadLetter(
            Record<byte[], byte[]> record, String key, String errorClass, String message, boolean shortened) {
        metrics.failed(errorClass);
        forwardDeadLetter(record, key, errorClass, message, shortened);
    }

    /** The one place a dead letter is built: the original bytes, where they were read, the reason. */
    private void forwardDeadLetter(
            Record<byte[], byte[]> record, String key, String errorClass, String message, boolean shortened) {
        Source source = context.recordMetadata()
                .map(m -> new Source(m.topic(), m.partition(), m.offset()))
                .orElse(new Source(null, null, null));
        DeadLetter letter = DeadLetter.of(
                STAGE,
                source.topic,
                source.partition,
                source.offset,
                record.key(),
                record.value(),
                errorClass,
                message,
                clock.instant());
        if (shortened) {
            letter = letter.shortened(KafkaSettings.DEAD_LETTER_VALUE_CHARS);
        }
        context.forward(record.withKey(key).withValue(new EnrichOutcome.Failed(letter)));
    }

    /** Where the failed record was read. */
    private record Source(String topic, Integer partition, Long offset) {}
}
