package io.pilu.ingest.crawl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilu.ingest.fixture.ChildJvm;
import io.pilu.ingest.fixture.CrawlerProcessMain;
import io.pilu.ingest.fixture.KafkaTopics;
import io.pilu.ingest.simulator.cninfo.CninfoSimulator;
import io.pilu.model.Topics;
import io.pilu.testkit.PiluIntegrationTest;
import io.pilu.testkit.SharedInfra;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kill -9 proof for cninfo, with {@link CrawlerKillIT}'s harness: {@code pilu crawl --source cninfo --once} and
 * {@code pilu backfill --source cninfo} run in their own JVM, are killed with {@code destroyForcibly()} (SIGKILL)
 * twice while they publish, and are restarted; the raw topic ends with every announcement exactly once.
 */
@PiluIntegrationTest
class CninfoCrawlerKillIT {

    private static final LocalDate FROM = LocalDate.of(2024, 3, 4);
    private static final LocalDate TO = LocalDate.of(2024, 3, 6);

    private CninfoSimulator site;
    private final List<String> expected = new ArrayList<>();
    private final String prefix = SharedInfra.uniqueName("cninfokill") + ".";
    private final Topics topics = Topics.withPrefix(prefix);
    private final String bootstrap = SharedInfra.kafkaBootstrapServers();
    private final Path logs = Path.of("target", "it-logs", prefix);
    private Process child;

    @BeforeEach
    void start() {
        site = CninfoSimulator.start();
        for (LocalDate d = FROM; !d.isAfter(TO); d = d.plusDays(1)) {
            site.generateDay(d, 25, "SZSE").forEach(a -> expected.add("cninfo-" + a.announcementId()));
            site.generateDay(d, 5, "BSE").forEach(a -> expected.add("cninfo-" + a.announcementId()));
        }
    }

    @AfterEach
    void stop() {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
        }
        site.close();
    }

    private Process run(String command, int run) {
        List<String> args = new ArrayList<>(List.of(
                command,
                "--source",
                "cninfo",
                "--base-url",
                site.baseUrl(),
                "--document-base-url",
                site.documentBaseUrl(),
                "--bootstrap-servers",
                bootstrap,
                "--topic-prefix",
                prefix,
                "--transactional-id",
                prefix + "tx",
                "--from",
                FROM.toString(),
                "--to",
                TO.toString(),
                // slow enough to be killed in the middle: 90 documents at one per 60 ms or more
                "--list-interval",
                "0s",
                "--document-interval",
                "60ms",
                "--interval-jitter",
                "0s",
                "--transaction-timeout",
                "10s"));
        if (command.equals("crawl")) {
            args.add("--once");
        }
        return ChildJvm.start(
                CrawlerProcessMain.class, List.of("-Xmx256m"), args, logs.resolve(command + "-run-" + run + ".log"));
    }

    private int published() {
        try {
            return KafkaTopics.keys(bootstrap, topics.raw()).size();
        } catch (RuntimeException e) {
            return 0; // the topic does not exist yet
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"crawl", "backfill"})
    void killedTwiceMidCrawlThenRestartedNoGapNoDuplicate(String command) throws Exception {
        child = run(command, 1);
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> published() >= 10);
        child.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        int afterFirstKill = published();
        assertThat(afterFirstKill).as("killed in the middle").isLessThan(expected.size());

        child = run(command, 2);
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> published() >= afterFirstKill + 15);
        child.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        assertThat(published()).isLessThan(expected.size());

        child = run(command, 3);
        Path log = logs.resolve(command + "-run-3.log");
        assertThat(child.waitFor(180, TimeUnit.SECONDS))
                .as(ChildJvm.output(log))
                .isTrue();
        assertThat(child.exitValue()).as(ChildJvm.output(log)).isZero();

        List<String> keys = KafkaTopics.keys(bootstrap, topics.raw());
        assertThat(keys).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(site.contractViolations()).isEmpty();
    }
}
