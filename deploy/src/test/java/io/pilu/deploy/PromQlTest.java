package io.pilu.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void plainSelectorAndComparison() {
        assertThat(PromQl.metricNames("pilu_enrich_running == 0")).containsExactly("pilu_enrich_running");
    }

    @Test
    void functionsAggregationsAndLabelListsAreNotNames() {
        assertThat(PromQl.metricNames(
                        "sum by (instance, service) (rate(pilu_sink_docs_indexed_total{service=~\"sink|local\"}[5m]))"))
                .containsExactly("pilu_sink_docs_indexed_total");
        assertThat(PromQl.metricNames("sum without(reason) (increase(pilu_enrich_failures_total[10m])) > 0"))
                .containsExactly("pilu_enrich_failures_total");
        assertThat(PromQl.metricNames("sum(rate(x_total[1m])) by (job) / ignoring(le) group_left(a, b) y"))
                .containsExactly("x_total", "y");
    }

    @Test
    void histogramQuantileKeepsTheBucketSeries() {
        assertThat(
                        PromQl.metricNames(
                                "histogram_quantile(0.95, sum by (le) (rate(pilu_sink_bulk_latency_seconds_bucket[$__rate_interval])))"))
                .containsExactly("pilu_sink_bulk_latency_seconds_bucket");
    }

    @Test
    void labelValuesNumbersDurationsAndKeywordsAreSkipped() {
        assertThat(PromQl.metricNames("""
                (time() - pilu_crawl_last_successful_poll_seconds > 15 * 60)
                  and on (instance) process_uptime_seconds offset 1h30m > 1e3
                  unless bool vector(0x1F) or label_replace(up{job="a b", x='y"z'}, "dst", "$1", "src", "(.*)")
                """))
                .containsExactly("pilu_crawl_last_successful_poll_seconds", "process_uptime_seconds", "up");
    }

    @Test
    void grafanaVariablesAndSubqueriesAreSkipped() {
        assertThat(PromQl.metricNames(
                        "max_over_time(deriv(pilu_sink_consumer_lag_records{instance=~\"$instance\"}[10m])[1h:${__interval}]) "
                                + "* on(instance) group_right $multiplier"))
                .containsExactly("pilu_sink_consumer_lag_records");
    }

    @Test
    void nameMatcherCounts() {
        assertThat(PromQl.metricNames("count({__name__=\"jvm_memory_used_bytes\", area=\"heap\"})"))
                .containsExactly("jvm_memory_used_bytes");
    }

    @Test
    void aggregationWithGroupingFirstIsNotAName() {
        assertThat(PromQl.metricNames("topk by (instance) (3, kafka_consumer_fetch_manager_records_lag_max)"))
                .containsExactly("kafka_consumer_fetch_manager_records_lag_max");
    }

    @Test
    void brokenExpressionsSayWhere() {
        assertThatThrownBy(() -> PromQl.metricNames("rate(x[5m)")).hasMessageContaining("unbalanced '['");
        assertThatThrownBy(() -> PromQl.metricNames("x{a=\"b}")).hasMessageContaining("unterminated string");
    }
}
