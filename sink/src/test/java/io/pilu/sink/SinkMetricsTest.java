package io.pilu.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

/** The sink's /metrics before and after events: the series the alert rules and the dashboard use. */
class SinkMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final SinkMetrics metrics = new SinkMetrics(registry);

    @Test
    void knownRetryReasonsAndRejectionTypesExistAtZero() {
        String scrape = registry.scrape();

        for (String reason : SinkMetrics.KNOWN_RETRY_REASONS) {
            assertThat(scrape).contains("pilu_sink_bulk_retries_total{reason=\"" + reason + "\"} 0.0");
        }
        for (String type : SinkMetrics.KNOWN_REJECTION_TYPES) {
            assertThat(scrape).contains("pilu_sink_docs_rejected_total{error_type=\"" + type + "\"} 0.0");
        }
        assertThat(scrape)
                .contains("pilu_sink_docs_rejected_total{error_type=\"org.apache.kafka.common.errors."
                        + "SerializationException\"} 0.0");
    }

    @Test
    void eventsCountOnTheirSeriesIncludingNewValues() {
        metrics.retry("item_429");
        metrics.retry("http_503");
        metrics.rejected(null);
        metrics.rejected("document_parsing_exception");
        metrics.bulk(2_000_000, 10, 4096);

        String scrape = registry.scrape();

        assertThat(scrape)
                .contains("pilu_sink_bulk_retries_total{reason=\"item_429\"} 1.0")
                .contains("pilu_sink_bulk_retries_total{reason=\"http_503\"} 1.0")
                .contains("pilu_sink_bulk_retries_total{reason=\"connection\"} 0.0")
                .contains("pilu_sink_docs_rejected_total{error_type=\"unknown\"} 1.0")
                .contains("pilu_sink_docs_rejected_total{error_type=\"document_parsing_exception\"} 1.0")
                .contains("pilu_sink_bulk_latency_seconds_count 1")
                .contains("pilu_sink_batch_docs_sum 10.0")
                .contains("pilu_sink_batch_bytes_sum 4096.0");
    }
}
