package io.pilu.ingest.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilu.ingest.cli.CrawlCommand;
import io.pilu.ingest.fixture.KafkaTopics;
import io.pilu.ingest.simulator.BseSimulator;
import io.pilu.ingest.simulator.SampleSet;
import io.pilu.model.RawAnnouncement;
import io.pilu.model.RawAnnouncement.ExtractionStatus;
import io.pilu.model.Topics;
import io.pilu.testkit.PiluIntegrationTest;
import io.pilu.testkit.SharedInfra;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * What {@code pilu local --offline} relies on: {@code pilu crawl --once} from a fresh checkpoint against the sample
 * simulator, through the same crawler code as production, into a real broker.
 */
@PiluIntegrationTest
class SampleCrawlToKafkaIT {

    private static final String SEED_ID = "6adf2dc9960c5876398a6e504815799e";
    private static final String CORRUPT_ID = "a4196b5cf964cc3974436c8604c9a913";

    private final SampleSet samples = SampleSet.bundled();
    private final String prefix = SharedInfra.uniqueName("samples") + ".";
    private final Topics topics = Topics.withPrefix(prefix);
    private final String bootstrap = SharedInfra.kafkaBootstrapServers();
    private BseSimulator site;

    @BeforeEach
    void start() {
        site = BseSimulator.withSamples();
    }

    @AfterEach
    void stop() {
        site.close();
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
                        samples.earliestPublishDate().toString(),
                        "--rate-limit",
                        "50");
    }

    @Test
    void theRawTopicHoldsExactlyTheSamplesWithTheSeedReadAndTheCorruptOneFailed() {
        assertThat(crawlOnce()).isZero();
        assertThat(crawlOnce()).as("a second poll finds nothing new").isZero();

        assertThat(KafkaTopics.keys(bootstrap, topics.raw())).containsExactlyInAnyOrderElementsOf(samples.ids());
        Map<String, RawAnnouncement> byId = KafkaTopics.rawAnnouncements(bootstrap, topics.raw()).stream()
                .collect(Collectors.toMap(RawAnnouncement::id, Function.identity()));

        RawAnnouncement seed = byId.get(SEED_ID);
        assertThat(seed.extraction()).isEqualTo(ExtractionStatus.OK);
        assertThat(seed.companyCode()).isEqualTo("839493");
        assertThat(seed.title()).isEqualTo("[临时公告]并行科技:投资者关系活动记录表");
        assertThat(seed.pageCount()).isEqualTo(4);
        assertThat(seed.text())
                .contains(
                        "√特定对象调研",
                        "活动时间：2024 年 6 月 17 日",
                        "参会单位及人员：中邮证券、地泽投资",
                        "上市公司接待人员：董事会秘书师健伟先生",
                        "公司重要的大模型客户主要包括：智谱华章");
        assertThat(seed.documentUrl()).isEqualTo(site.baseUrl() + "/disclosure/2024/2024-06-18/" + SEED_ID + ".pdf");

        RawAnnouncement corrupt = byId.get(CORRUPT_ID);
        assertThat(corrupt.extraction()).isEqualTo(ExtractionStatus.FAILED);
        assertThat(corrupt.extractionError()).startsWith("not a readable PDF");
        assertThat(corrupt.text()).isNull();
        assertThat(corrupt.documentSha256()).as("downloaded, so fingerprinted").matches("[0-9a-f]{64}");

        assertThat(byId.values())
                .filteredOn(r -> r.extraction() == ExtractionStatus.OK)
                .hasSize(samples.samples().size() - 1);
        assertThat(site.contractViolations()).isEmpty();
    }
}
