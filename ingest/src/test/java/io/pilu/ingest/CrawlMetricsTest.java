package io.pilu.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** What the crawler's /metrics shows before and after events: the names the alert rules and the dashboard use. */
class CrawlMetricsTest {

    private static final Instant NOW = Instant.parse("2024-06-18T04:00:00Z"); // 12:00 Beijing

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final CrawlMetrics metrics = new CrawlMetrics(registry, CrawlMetrics.BSE, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void alertedCountersExistAtZeroBeforeAnyEvent() {
        String scrape = registry.scrape();

        assertThat(scrape)
                .contains("pilu_crawl_polls_total{outcome=\"ok\",source=\"bse\"} 0.0")
                .contains("pilu_crawl_polls_total{outcome=\"failed\",source=\"bse\"} 0.0")
                .contains(
                        "pilu_crawl_listing_schema_errors_total{endpoint=\"company_announcement\",source=\"bse\"} 0.0")
                .contains("pilu_crawl_listing_schema_errors_total{endpoint=\"disclosure_list\",source=\"bse\"} 0.0")
                .contains("pilu_crawl_last_successful_poll_seconds{source=\"bse\"} 0.0");
    }

    @Test
    void eventsCountOnThePreRegisteredSeries() {
        metrics.poll(false);
        metrics.poll(true);
        metrics.poll(true);
        metrics.schemaError("disclosure_list");

        String scrape = registry.scrape();

        assertThat(scrape)
                .contains("pilu_crawl_polls_total{outcome=\"ok\",source=\"bse\"} 2.0")
                .contains("pilu_crawl_polls_total{outcome=\"failed\",source=\"bse\"} 1.0")
                .contains("pilu_crawl_listing_schema_errors_total{endpoint=\"disclosure_list\",source=\"bse\"} 1.0")
                .contains(
                        "pilu_crawl_listing_schema_errors_total{endpoint=\"company_announcement\",source=\"bse\"} 0.0")
                .contains("pilu_crawl_last_successful_poll_seconds{source=\"bse\"} " + (double) NOW.getEpochSecond());
    }

    @Test
    void lagIsMeasuredFromBeijingMidnightOfTheNewestPublishDate() {
        assertThat(registry.get("pilu.crawl.lag").gauge().value()).isNaN();

        metrics.sawPublishDate(LocalDate.of(2024, 6, 17));
        metrics.sawPublishDate(LocalDate.of(2024, 6, 18));
        metrics.sawPublishDate(LocalDate.of(2024, 6, 16)); // an older date never lowers the newest seen

        // 2024-06-18T00:00+08:00 is 2024-06-17T16:00Z, 12 hours before NOW
        assertThat(registry.get("pilu.crawl.lag").gauge().value()).isEqualTo(12 * 3600.0);
    }

    @Test
    void twoSourcesShareOneRegistryEachUnderItsOwnSourceLabel() {
        CrawlMetrics cninfo = new CrawlMetrics(registry, CrawlMetrics.CNINFO, Clock.fixed(NOW, ZoneOffset.UTC));

        String before = registry.scrape();
        assertThat(before)
                .contains("pilu_crawl_empty_payload_total{source=\"cninfo\"} 0.0")
                .contains("pilu_crawl_empty_payload_total{source=\"bse\"} 0.0")
                .contains("pilu_crawl_blocked_total{source=\"cninfo\"} 0.0")
                .contains("pilu_crawl_script_rows_dropped_total{source=\"cninfo\"} 0.0")
                .contains("pilu_crawl_refusals_total{reason=\"unknown_exchange\",source=\"cninfo\"} 0.0")
                .contains("pilu_crawl_refusals_total{reason=\"window_too_large\",source=\"cninfo\"} 0.0")
                .contains("pilu_crawl_listing_schema_errors_total{endpoint=\"query\",source=\"cninfo\"} 0.0");

        cninfo.blocked();
        cninfo.emptyPayload();
        cninfo.scriptRowsDropped(2);
        cninfo.refused(Refusal.WINDOW_TOO_LARGE);
        cninfo.published(3);
        metrics.published(1);

        assertThat(registry.scrape())
                .contains("pilu_crawl_blocked_total{source=\"cninfo\"} 1.0")
                .contains("pilu_crawl_blocked_state{source=\"cninfo\"} 1.0")
                .contains("pilu_crawl_blocked_state{source=\"bse\"} 0.0")
                .contains("pilu_crawl_empty_payload_total{source=\"cninfo\"} 1.0")
                .contains("pilu_crawl_script_rows_dropped_total{source=\"cninfo\"} 2.0")
                .contains("pilu_crawl_refusals_total{reason=\"window_too_large\",source=\"cninfo\"} 1.0")
                .contains("pilu_crawl_announcements_published_total{source=\"cninfo\"} 3.0")
                .contains("pilu_crawl_announcements_published_total{source=\"bse\"} 1.0");
    }
}
