package io.pilu.enrich.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pilu.model.DocumentClass;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The enrich stage's /metrics before and after events: the series the alert rules and the dashboard use. */
class EnrichMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final EnrichMetrics metrics = new EnrichMetrics(registry);

    @Test
    void knownFailureReasonsAndEveryDocumentClassExistAtZero() {
        String scrape = registry.scrape();

        assertThat(scrape)
                .contains("pilu_enrich_failures_total{reason=\"SerializationException\"} 0.0")
                .contains("pilu_enrich_failures_total{reason=\"KeyMismatch\"} 0.0")
                .contains("pilu_enrich_failures_total{reason=\"TombstoneWithoutKey\"} 0.0");
        for (DocumentClass c : DocumentClass.values()) {
            assertThat(scrape).contains("pilu_enrich_records_total{class=\"" + c.name() + "\"} 0.0");
        }
    }

    @Test
    void failuresCountOnTheirReasonIncludingNewOnes() {
        metrics.failed("KeyMismatch");
        metrics.failed("IllegalStateException");
        metrics.enriched(DocumentClass.values()[0], 3, Duration.ofMillis(2));

        String scrape = registry.scrape();

        assertThat(scrape)
                .contains("pilu_enrich_failures_total{reason=\"KeyMismatch\"} 1.0")
                .contains("pilu_enrich_failures_total{reason=\"IllegalStateException\"} 1.0")
                .contains("pilu_enrich_failures_total{reason=\"SerializationException\"} 0.0")
                .contains("pilu_enrich_records_total{class=\"" + DocumentClass.values()[0].name() + "\"} 1.0")
                .contains("pilu_enrich_processing_seconds_count 1")
                .contains("pilu_enrich_entities_sum 3.0");
    }
}
