package io.pilu.enrich.topology;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pilu.model.DocumentClass;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The enrich stage's own meters: {@code pilu_enrich_records_total{class}}, {@code pilu_enrich_failures_total{reason}},
 * {@code pilu_enrich_entities} (per record), {@code pilu_enrich_processing_seconds} and
 * {@code pilu_enrich_tombstones_total}.
 */
public final class EnrichMetrics {

    private final MeterRegistry registry;
    private final Map<DocumentClass, Counter> byClass = new EnumMap<>(DocumentClass.class);
    private final DistributionSummary entities;
    private final Timer processing;
    private final Counter tombstones;

    public EnrichMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (DocumentClass c : DocumentClass.values()) {
            byClass.put(
                    c,
                    Counter.builder("pilu.enrich.records")
                            .tag("class", c.name())
                            .description("Raw announcements enriched, by document class")
                            .register(registry));
        }
        entities = DistributionSummary.builder("pilu.enrich.entities")
                .description("Entities found per enriched announcement")
                .publishPercentileHistogram()
                .register(registry);
        processing = Timer.builder("pilu.enrich.processing")
                .description("Time to deserialize, classify and extract one announcement")
                .publishPercentileHistogram()
                .register(registry);
        tombstones = Counter.builder("pilu.enrich.tombstones")
                .description("Tombstones passed through to the enriched topic")
                .register(registry);
        // Alerts watch increase() of the failures; a series born with its first event hides that event (increase()
        // needs two samples), so the reasons the processor itself produces exist at 0 from the start.
        for (String reason : KNOWN_FAILURE_REASONS) {
            failures(reason);
        }
    }

    /**
     * Failure reasons that always exist: an unreadable value (the serde's exception), a key that is not the
     * announcement id, a tombstone without a key. Exceptions thrown by the extractor appear when they happen.
     */
    static final List<String> KNOWN_FAILURE_REASONS = List.of(
            org.apache.kafka.common.errors.SerializationException.class.getSimpleName(),
            EnrichProcessor.KEY_MISMATCH,
            EnrichProcessor.TOMBSTONE_WITHOUT_KEY,
            DeadLetterProductionHandler.RECORD_TOO_LARGE);

    private Counter failures(String reason) {
        return Counter.builder("pilu.enrich.failures")
                .tag("reason", reason)
                .description("Records sent to the dead-letter topic, by reason")
                .register(registry);
    }

    /** Meters that go nowhere, for tests and tools that do not expose metrics. */
    public static EnrichMetrics discarding() {
        return new EnrichMetrics(new SimpleMeterRegistry());
    }

    void enriched(DocumentClass documentClass, int entityCount, Duration took) {
        byClass.get(documentClass).increment();
        entities.record(entityCount);
        processing.record(took);
    }

    void failed(String reason) {
        // reason is an exception class name: a small, bounded set, safe as a tag
        failures(reason).increment();
    }

    void tombstone() {
        tombstones.increment();
    }
}
