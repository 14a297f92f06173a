package io.pilu.ingest.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilu.ingest.cli.CrawlCommand;
import io.pilu.ingest.fixture.KafkaTopics;
import io.pilu.ingest.fixture.TestPdfs;
import io.pilu.ingest.simulator.BseSimulator;
import io.pilu.ingest.simulator.SimulatedAnnouncement;
import io.pilu.model.Json;
import io.pilu.model.RawAnnouncement;
import io.pilu.model.Topics;
import io.pilu.testkit.PiluIntegrationTest;
import io.pilu.testkit.SharedInfra;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code pilu crawl --once} into a real broker: exact ids on the raw topic, checkpoint beside them. */
@PiluIntegrationTest
class CrawlToKafkaIT {

    private static final LocalDate DAY = LocalDate.of(2024, 6, 18);
    private static final byte[] PDF = TestPdfs.simplePdfBytes(List.of("投资者关系活动记录表", "√特定对象调研"));

    private BseSimulator site;
    private final List<String> expected = new ArrayList<>();
    private final String prefix = SharedInfra.uniqueName("crawl") + ".";
    private final Topics topics = Topics.withPrefix(prefix);
    private final String bootstrap = SharedInfra.kafkaBootstrapServers();

    @BeforeEach
    void start() {
        site = BseSimulator.start();
        site.pageSize(4);
        for (int i = 0; i < 10; i++) {
            add(String.format("%032x", i), DAY.minusDays(i / 4));
        }
    }

    @AfterEach
    void stop() {
        site.close();
    }

    private void add(String code, LocalDate date) {
        SimulatedAnnouncement a = BseSimulator.announcement(code, "839493", date, "投资者关系活动记录表" + code);
        site.add(a);
        site.document(a.destFilePath(), PDF);
        expected.add(code);
    }

    private int crawlOnce() {
        return new CommandLine(new CrawlCommand())
                .execute(
                        "--once",
                        "--base-url",
                        site.baseUrl(),
                        "--bootstrap-servers",
                        bootstrap,
                        "--topic-prefix",
                        prefix,
                        "--transactional-id",
                        prefix + "tx",
                        "--from",
                        DAY.minusDays(10).toString(),
                        "--rate-limit",
                        "50");
    }

    @Test
    void eachAnnouncementLandsOnTheRawTopicExactlyOnceAcrossPolls() throws Exception {
        assertThat(crawlOnce()).isZero();
        assertThat(KafkaTopics.keys(bootstrap, topics.raw())).containsExactlyInAnyOrderElementsOf(expected);

        add("a1", DAY);
        add("a2", DAY.plusDays(1));
        assertThat(crawlOnce()).isZero();
        assertThat(crawlOnce()).isZero(); // nothing new: publishes nothing

        List<String> keys = KafkaTopics.keys(bootstrap, topics.raw());
        assertThat(keys).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        List<RawAnnouncement> records = KafkaTopics.rawAnnouncements(bootstrap, topics.raw());
        assertThat(records).allSatisfy(r -> {
            assertThat(r.extraction()).isEqualTo(RawAnnouncement.ExtractionStatus.OK);
            assertThat(r.text()).contains("√特定对象调研");
            assertThat(r.exchange()).isEqualTo("BSE");
        });

        List<ConsumerRecord<byte[], byte[]>> state = KafkaTopics.readCommitted(bootstrap, topics.crawlerState());
        ConsumerRecord<byte[], byte[]> last = state.get(state.size() - 1);
        assertThat(new String(last.key(), StandardCharsets.UTF_8)).isEqualTo("bse");
        CrawlCheckpoint checkpoint =
                Json.mapper().readValue(new String(last.value(), StandardCharsets.UTF_8), CrawlCheckpoint.class);
        assertThat(checkpoint.highWater()).isEqualTo(DAY.plusDays(1));
        assertThat(checkpoint.published()).isEqualTo(12);
        assertThat(site.contractViolations()).isEmpty();
    }
}
