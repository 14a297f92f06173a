package io.pilu.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pilu.model.EnrichedAnnouncement;
import io.pilu.testkit.PiluIntegrationTest;
import io.pilu.testkit.SharedInfra;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Elasticsearch becomes unreachable mid-stream and comes back: nothing is lost, nothing is committed early.
 *
 * <p>The outage is a loopback TCP proxy between the sink and the shared node, not a stopped second ES node: it
 * refuses and cuts connections exactly when the test says, costs no extra JVM on a 2-core machine, and the
 * shared node (used by other tests in parallel classes) is never disturbed. A real node restart would add only
 * "connection refused for ~20 s", which the proxy reproduces.
 */
@PiluIntegrationTest
class SinkOutageIT {

    @Test
    void documentsWrittenDuringAnOutageArriveAfterItAndOffsetsWaitForThem() throws Exception {
        URI es = URI.create(SharedInfra.elasticsearchUrl());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (SinkItSupport it = new SinkItSupport(3);
                TcpProxy proxy = new TcpProxy(es.getHost(), es.getPort())) {
            List<EnrichedAnnouncement> before = IntStream.range(0, 50)
                    .mapToObj(i -> SinkFixtures.ir("before-" + i, 1))
                    .toList();
            List<EnrichedAnnouncement> during = IntStream.range(0, 200)
                    .mapToObj(i -> SinkFixtures.periodic("during-" + i, 1))
                    .toList();
            it.sendAll(before);
            try (SinkRunner sink = SinkRunner.start(it.config(proxy.url()), registry)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> it.count() == 50);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> it.committedLag().values().stream().allMatch(l -> l == 0));

                proxy.down();
                it.sendAll(during);
                // several backoff rounds against a dead endpoint, consumer still in its group, nothing committed
                await().atMost(Duration.ofSeconds(60)).until(() -> retries(registry) >= 5);
                assertThat(sink.readiness().ok()).isFalse();
                assertThat(it.committedLag().values().stream()
                                .mapToLong(Long::longValue)
                                .sum())
                        .isEqualTo(200);
                assertThat(sink.failure()).isNull();

                proxy.up();
                await().atMost(Duration.ofSeconds(90)).until(() -> it.count() == 250);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> it.committedLag().values().stream().allMatch(l -> l == 0));
                Set<String> expected =
                        IntStream.range(0, 200).mapToObj(i -> "during-" + i).collect(Collectors.toSet());
                assertThat(it.ids()).containsAll(expected).hasSize(250);
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> sink.readiness().ok());
                assertThat(it.deadLetters()).isEmpty();
            }
        }
    }

    private static double retries(SimpleMeterRegistry registry) {
        return registry.find("pilu.sink.bulk.retries").counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }
}
