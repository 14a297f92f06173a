package io.pilu.ingest.crawl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilu.ingest.fixture.ChildJvm;
import io.pilu.ingest.fixture.CrawlerProcessMain;
import io.pilu.ingest.fixture.KafkaTopics;
import io.pilu.ingest.fixture.TestPdfs;
import io.pilu.ingest.simulator.BseSimulator;
import io.pilu.ingest.simulator.SimulatedAnnouncement;
import io.pilu.model.Json;
import io.pilu.model.Topics;
import io.pilu.testkit.PiluIntegrationTest;
import io.pilu.testkit.SharedInfra;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kill -9 proof: a backfill runs in its own JVM, is killed with {@code destroyForcibly()} (SIGKILL) twice while
 * it publishes, and is restarted; the raw topic ends with every announcement of the range exactly once.
 */
@PiluIntegrationTest
class CrawlerKillIT {

    private static final LocalDate FROM = LocalDate.of(2024, 3, 1);
    private static final LocalDate TO = LocalDate.of(2024, 3, 12);

    private BseSimulator site;
    private final List<String> expected = new ArrayList<>();
    private final String prefix = SharedInfra.uniqueName("kill") + ".";
    private final Topics topics = Topics.withPrefix(prefix);
    private final String bootstrap = SharedInfra.kafkaBootstrapServers();
    private final Path logs = Path.of("target", "it-logs", prefix);
    private Process child;

    @BeforeEach
    void start() {
        site = BseSimulator.start();
        site.pageSize(5);
        byte[] pdf = TestPdfs.simplePdfBytes(List.of("北京证券交易所", "临时公告"));
        int n = 0;
        for (LocalDate d = FROM.minusDays(1); !d.isAfter(TO.plusDays(1)); d = d.plusDays(1)) {
            for (int i = 0; i < 6; i++) {
                String code = String.format("%08d%024x", d.getDayOfMonth(), n++);
                SimulatedAnnouncement a = BseSimulator.announcement(code, "920007", d, "公告" + code);
                site.add(a);
                site.document(a.destFilePath(), pdf);
                if (!d.isBefore(FROM) && !d.isAfter(TO)) {
                    expected.add(code);
                }
            }
        }
    }

    @AfterEach
    void stop() {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
        }
        site.close();
    }

    private Process backfill(int run) {
        return ChildJvm.start(
                CrawlerProcessMain.class,
                List.of("-Xmx256m"),
                List.of(
                        "backfill",
                        "--from",
                        FROM.toString(),
                        "--to",
                        TO.toString(),
                        "--base-url",
                        site.baseUrl(),
                        "--bootstrap-servers",
                        bootstrap,
                        "--topic-prefix",
                        prefix,
                        "--transactional-id",
                        prefix + "tx",
                        // slow enough to be killed in the middle: 72 documents + listing at 12 requests/s
                        "--rate-limit",
                        "12",
                        "--transaction-timeout",
                        "10s"),
                logs.resolve("run-" + run + ".log"));
    }

    private int published() {
        return KafkaTopics.keys(bootstrap, topics.raw()).size();
    }

    @Test
    void killedTwiceMidBackfillThenRestartedNoGapNoDuplicate() throws Exception {
        child = backfill(1);
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> topicExists() && published() >= 10);
        child.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        int afterFirstKill = published();
        assertThat(afterFirstKill).as("killed in the middle").isLessThan(expected.size());

        child = backfill(2);
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> published() >= afterFirstKill + 15);
        child.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        assertThat(published()).isLessThan(expected.size());

        child = backfill(3);
        assertThat(child.waitFor(180, TimeUnit.SECONDS))
                .as(ChildJvm.output(logs.resolve("run-3.log")))
                .isTrue();
        assertThat(child.exitValue())
                .as(ChildJvm.output(logs.resolve("run-3.log")))
                .isZero();

        List<String> keys = KafkaTopics.keys(bootstrap, topics.raw());
        assertThat(keys).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        List<ConsumerRecord<byte[], byte[]>> state = KafkaTopics.readCommitted(bootstrap, topics.crawlerState());
        BackfillCheckpoint last = Json.mapper()
                .readValue(
                        new String(state.get(state.size() - 1).value(), StandardCharsets.UTF_8),
                        BackfillCheckpoint.class);
        assertThat(last.done()).isTrue();
        assertThat(last.published()).isEqualTo(expected.size());
        assertThat(site.contractViolations()).isEmpty();

        // a fourth run of the finished range does nothing
        child = backfill(4);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isZero();
        assertThat(KafkaTopics.keys(bootstrap, topics.raw())).hasSize(expected.size());
    }

    private boolean topicExists() {
        try {
            KafkaTopics.keys(bootstrap, topics.raw());
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
