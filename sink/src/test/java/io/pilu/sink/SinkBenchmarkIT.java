package io.pilu.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilu.sink.bench.SinkBenchmark;
import io.pilu.testkit.PiluIntegrationTest;
import io.pilu.testkit.SharedInfra;
import org.junit.jupiter.api.Test;

/**
 * Runs the sink benchmark against the shared infra and prints its figures (N from {@code -Dpilu.bench.docs}, default
 * 2 000, one warm-up round and 3 timed alternating rounds). Speed is reported, not asserted: a timed assertion on a shared 2-core machine would only measure the
 * neighbours. What is asserted is that both runs indexed every document.
 */
@PiluIntegrationTest
class SinkBenchmarkIT {

    @Test
    void printsSinkAndRawBulkRates() throws Exception {
        int n = Integer.getInteger("pilu.bench.docs", 2_000);
        SinkBenchmark.Result r = SinkBenchmark.run(
                SharedInfra.kafkaBootstrapServers(), SharedInfra.elasticsearchUrl(), -1, n, 3, 1, System.out);
        assertThat(r.docs()).isEqualTo(n);
        assertThat(r.sinkSeconds()).isPositive();
        assertThat(r.rawSeconds()).isPositive();
    }
}
