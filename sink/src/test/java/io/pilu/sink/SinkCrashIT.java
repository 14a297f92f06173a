package io.pilu.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.Topics;
import io.pilu.testkit.PiluIntegrationTest;
import io.pilu.testkit.SharedInfra;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@code pilu sink} killed with SIGKILL while bulk requests are in flight, then restarted: every announcement ends
 * up in the index exactly once (one document per id, none missing), and the group's offsets reach the end.
 */
@PiluIntegrationTest
class SinkCrashIT {

    private static final int N = 3_000;

    @Test
    void killMinusNineMidBatchThenRestartLosesAndDuplicatesNothing() throws Exception {
        String prefix = SharedInfra.uniqueName("crash") + ".";
        Topics topics = Topics.withPrefix(prefix);
        SharedInfra.createTopic(topics.enriched(), Topics.DATA_PARTITIONS);
        SharedInfra.createTopic(topics.dlqSink(), 1);
        try (SinkItSupport it = new SinkItSupport(Topics.DATA_PARTITIONS, topics.enriched(), topics.dlqSink())) {
            List<EnrichedAnnouncement> docs = IntStream.range(0, N)
                    .mapToObj(i -> SinkFixtures.ir("crash-" + i, 1))
                    .toList();
            it.sendAll(docs);

            Process first = startSink(prefix, it, "first");
            try {
                // kill once some, not all, documents are in: batches of 50, two in flight, so a kill lands mid-stream
                await().atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(20))
                        .ignoreExceptions() // the index appears once the child has started
                        .until(() -> it.count() >= 200);
            } finally {
                first.destroyForcibly();
                assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            long atKill = it.count();
            assertThat(atKill).as("killed mid-stream").isLessThan(N);
            long uncommittedAtKill = it.committedLag().values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
            assertThat(uncommittedAtKill).isPositive();

            Process second = startSink(prefix, it, "second");
            try {
                await().atMost(Duration.ofSeconds(180))
                        .until(() -> it.count() == N
                                && it.committedLag().values().stream().allMatch(l -> l == 0));
            } finally {
                second.destroy(); // SIGTERM: the graceful path
                assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
            Set<String> expected = docs.stream().map(EnrichedAnnouncement::id).collect(Collectors.toSet());
            assertThat(it.ids()).isEqualTo(expected);
            assertThat(it.count()).isEqualTo(N);
            assertThat(it.deadLetters()).isEmpty();
        }
    }

    private static Process startSink(String prefix, SinkItSupport it, String name) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path log = Files.createDirectories(Path.of("target", "sink-crash-it")).resolve(name + ".log");
        return new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-cp",
                        classpath,
                        SinkProcessMain.class.getName(),
                        "--bootstrap-servers",
                        SharedInfra.kafkaBootstrapServers(),
                        "--topic-prefix",
                        prefix,
                        "--es-url",
                        SharedInfra.elasticsearchUrl(),
                        "--index-alias",
                        it.alias,
                        "--group-id",
                        it.groupId,
                        "--ops-port",
                        "0",
                        "--batch-size",
                        "50",
                        "--linger-ms",
                        "50")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }
}
