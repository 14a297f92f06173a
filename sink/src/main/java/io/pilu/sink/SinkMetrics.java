package io.pilu.sink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sink's meters. Prometheus names: {@code pilu_sink_docs_indexed_total}, {@code pilu_sink_docs_deleted_total},
 * {@code pilu_sink_docs_stale_skipped_total}, {@code pilu_sink_docs_rejected_total{error_type}} (everything sent to
 * the dead-letter topic, by ES error type or exception class), {@code pilu_sink_bulk_retries_total{reason}},
 * {@code pilu_sink_bulk_latency_seconds} (histogram), {@code pilu_sink_batch_docs},
 * {@code pilu_sink_batch_bytes}, {@code pilu_sink_consumer_lag_records}.
 */
public final class SinkMetrics {

    private final MeterRegistry registry;
    private final Counter indexed;
    private final Counter deleted;
    private final Counter stale;
    private final Timer bulkLatency;
    private final DistributionSummary batchDocs;
    private final DistributionSummary batchBytes;
    private final AtomicLong lag = new AtomicLong();

    private final String prefix;

    public SinkMetrics(MeterRegistry registry) {
        this(registry, "pilu.sink");
    }

    /**
     * Meters named {@code <prefix>.docs.indexed} and so on: the research-visits sink records under
     * {@code pilu.sink.visits} so the announcements' figures (and the status line of {@code pilu local}) stay theirs.
     */
    public SinkMetrics(MeterRegistry registry, String prefix) {
        this.registry = registry;
        this.prefix = prefix;
        indexed = Counter.builder(prefix + ".docs.indexed")
                .description("documents created or updated in Elasticsearch")
                .register(registry);
        deleted = Counter.builder(prefix + ".docs.deleted")
                .description("documents deleted by tombstones (including already absent)")
                .register(registry);
        stale = Counter.builder(prefix + ".docs.stale.skipped")
                .description("records skipped because Elasticsearch holds a newer enrichment version")
                .register(registry);
        bulkLatency = Timer.builder(prefix + ".bulk.latency")
                .description("duration of one _bulk request")
                .publishPercentileHistogram()
                .register(registry);
        batchDocs = DistributionSummary.builder(prefix + ".batch.docs")
                .description("documents per _bulk request")
                .register(registry);
        batchBytes = DistributionSummary.builder(prefix + ".batch")
                .baseUnit("bytes")
                .description("NDJSON bytes per _bulk request")
                .register(registry);
        Gauge.builder(prefix + ".consumer.lag", lag, AtomicLong::get)
                .baseUnit("records")
                .description("records in the enriched topic not yet consumed by this sink")
                .register(registry);
        // Alerts watch increase() of the tagged counters; a series born with its first event hides that event
        // (increase() needs two samples), so the values the sink itself produces exist at 0 from the start.
        for (String reason : KNOWN_RETRY_REASONS) {
            retries(reason);
        }
        for (String errorType : KNOWN_REJECTION_TYPES) {
            rejections(errorType);
        }
    }

    /**
     * Retry reasons that always exist: Elasticsearch pushing back (429 on the request or on items), no connection,
     * an unavailable dead-letter topic. Other statuses ({@code http_503}, {@code item_500}…) appear when they happen.
     */
    static final List<String> KNOWN_RETRY_REASONS = List.of("http_429", "item_429", "connection", "dead_letter_topic");

    /**
     * Rejection types that always exist: the two the decoder produces (a value that is not an enriched announcement,
     * one that cannot become a document; named as {@link EnrichedRecordDecoder} names them) and the mapping error
     * Elasticsearch 8 answers for a document it cannot index. Others appear when they happen.
     */
    static final List<String> KNOWN_REJECTION_TYPES = List.of(
            org.apache.kafka.common.errors.SerializationException.class.getName(),
            DocumentConversionException.class.getName(),
            "document_parsing_exception");

    public void indexed(long n) {
        indexed.increment(n);
    }

    public void deleted(long n) {
        deleted.increment(n);
    }

    public void staleSkipped(long n) {
        stale.increment(n);
    }

    public void rejected(String errorType) {
        rejections(errorType == null ? "unknown" : errorType).increment();
    }

    public void retry(String reason) {
        retries(reason).increment();
    }

    private Counter rejections(String errorType) {
        return Counter.builder(prefix + ".docs.rejected")
                .description("records sent to the dead-letter topic")
                .tag("error_type", errorType)
                .register(registry);
    }

    private Counter retries(String reason) {
        return Counter.builder(prefix + ".bulk.retries")
                .description("bulk requests or items retried")
                .tag("reason", reason)
                .register(registry);
    }

    public void bulk(long nanos, int docs, long bytes) {
        bulkLatency.record(nanos, TimeUnit.NANOSECONDS);
        batchDocs.record(docs);
        batchBytes.record(bytes);
    }

    public void lag(long records) {
        lag.set(records);
    }
}
