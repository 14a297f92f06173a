package io.pilu.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeployQueriesTest {

    @Test
    void unknownNamesListsEachMissingNameWithItsUsers() {
        List<DeployQueries.Query> queries = List.of(
                new DeployQueries.Query("a", "rate(pilu_sink_docs_indexed_total[5m])"),
                new DeployQueries.Query(
                        "b", "histogram_quantile(0.9, rate(pilu_sink_bulk_latency_seconds_bucket[5m]))"),
                new DeployQueries.Query("c", "pilu_sink_docs_indexed + on(instance) pilu_sink_bulk_latency_seconds"));

        assertThat(DeployQueries.unknownNames(
                        queries, Set.of("pilu_sink_docs_indexed_total", "pilu_sink_bulk_latency_seconds_bucket")))
                .containsOnlyKeys("pilu_sink_docs_indexed", "pilu_sink_bulk_latency_seconds")
                .containsEntry("pilu_sink_docs_indexed", List.of("c"));
        assertThat(DeployQueries.unknownNames(
                        queries.subList(0, 2),
                        Set.of("pilu_sink_docs_indexed_total", "pilu_sink_bulk_latency_seconds_bucket")))
                .isEmpty();
    }

    @Test
    void theShippedFilesHaveQueriesForEveryAlertAndPanel() {
        assertThat(DeployQueries.ruleQueries())
                .hasSize(18)
                .allSatisfy(q ->
                        assertThat(PromQl.metricNames(q.expr())).as(q.source()).isNotEmpty());
        assertThat(DeployQueries.dashboardQueries()).hasSizeGreaterThan(30);
    }

    @Test
    void grafanaVariablesBecomeValuesPrometheusAccepts() {
        DeployQueries.Query q = new DeployQueries.Query(
                "x",
                "rate(x{instance=~\"$instance\"}[$__rate_interval]) + rate(y{instance=~\"${instance}\"}[$__interval])");

        assertThat(q.runnable()).isEqualTo("rate(x{instance=~\".*\"}[1m]) + rate(y{instance=~\".*\"}[15s])");
    }
}
