package io.pilu.app.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.pilu.app.LocalCommand;
import io.pilu.enrich.topology.EnrichConfig;
import io.pilu.ingest.cli.CrawlCommand;
import io.pilu.ingest.simulator.BseSimulator;
import io.pilu.ingest.simulator.SampleSet;
import io.pilu.ingest.simulator.cninfo.CninfoSampleSet;
import io.pilu.ingest.simulator.cninfo.CninfoSimulator;
import io.pilu.model.Topics;
import io.pilu.service.KafkaSettings;
import io.pilu.service.Lifecycle.Closed;
import io.pilu.service.Lifecycle.Phase;
import io.pilu.sink.SinkConfig;
import io.pilu.testkit.TopicReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@code pilu local --offline} stopped after it indexed both sources' samples: its one lifecycle stops both crawlers
 * (bse.cn's, then cninfo's), enrich, sink, the
 * ops endpoint, the node and the broker in that order, each cleanly; at the moment the services are down and the
 * broker is still up, enrich's and the sink's offsets cover every record they read and the crawler's transaction is
 * not left open; and nothing in this JVM logged an error (or the admin-client warning of a broker gone too early).
 */
class LocalPipelineShutdownIT {

    @TempDir
    Path dataDir;

    @Test
    void stopsEveryServiceCleanlyInOrderBeforeTheNodeAndTheBroker() throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logs.start();
        root.addAppender(logs);
        SampleSet samples = SampleSet.bundled();
        int announcements =
                samples.ids().size() + CninfoSampleSet.bundled().samples().size();
        Map<String, Object> atStop = new HashMap<>();
        try (BseSimulator site = BseSimulator.withSamples();
                CninfoSimulator cninfo = CninfoSimulator.withSamples()) {
            // as pilu local --offline: the cninfo crawler first, so the lifecycle stops bse.cn's first
            LocalPipeline pipeline = LocalPipeline.start(LocalPipeline.Options.all(
                    dataDir,
                    0,
                    0,
                    0,
                    null,
                    CrawlCommand.parse(LocalCommand.offlineCninfoArgs(cninfo).toArray(String[]::new)),
                    CrawlCommand.parse(
                            "--base-url",
                            site.baseUrl(),
                            "--from",
                            samples.earliestPublishDate().toString(),
                            "--rate-limit",
                            "50",
                            "--poll-interval",
                            "1s")));
            try {
                await().atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> pipeline.status().indexed() == announcements);
                // Runs after the services stopped and before the node and the broker do: what they left committed.
                pipeline.lifecycle().add(Phase.OPS, "probe", () -> atStop.putAll(committed(pipeline)));
            } finally {
                pipeline.close();
            }
            assertThat(pipeline.lifecycle().closed())
                    .extracting(Closed::name)
                    .containsExactly(
                            "crawl-bse",
                            "crawl-cninfo",
                            "enrich",
                            "sink-research-visits",
                            "sink",
                            "web",
                            "analytics",
                            "probe",
                            "ops",
                            "elasticsearch",
                            "kafka");
            assertThat(pipeline.lifecycle().closed())
                    .allSatisfy(c -> assertThat(c.error()).as(c.name()).isNull());
            assertThat(pipeline.broker().isAlive()).isFalse();
            assertThat(pipeline.elasticsearch().isAlive()).isFalse();
        } finally {
            root.detachAppender(logs);
        }

        assertThat(atStop)
                .containsKeys("enrich", "sink", "crawl-transaction", "crawl-transaction-cninfo", "raw-records");
        assertThat(atStop.get("raw-records")).isEqualTo(announcements);
        assertThat((String) atStop.get("crawl-transaction")).isNotEqualTo("ONGOING");
        assertThat((String) atStop.get("crawl-transaction-cninfo")).isNotEqualTo("ONGOING");
        @SuppressWarnings("unchecked")
        Map<String, Boolean> enrich = (Map<String, Boolean>) atStop.get("enrich");
        @SuppressWarnings("unchecked")
        Map<String, Boolean> sink = (Map<String, Boolean>) atStop.get("sink");
        assertThat(enrich)
                .isNotEmpty()
                .allSatisfy((tp, covered) -> assertThat(covered).as(tp).isTrue());
        assertThat(sink)
                .isNotEmpty()
                .allSatisfy((tp, covered) -> assertThat(covered).as(tp).isTrue());
        assertThat(logs.list)
                .filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
                .extracting(ILoggingEvent::getFormattedMessage)
                .isEmpty();
        assertThat(logs.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(m -> m.contains("could not be established"));
    }

    /**
     * Per partition of the raw (enrich) and enriched (sink) topics: whether the group's committed offset is past
     * the last record; the crawler's transaction state; the raw records visible to read_committed readers.
     */
    private static Map<String, Object> committed(LocalPipeline pipeline) throws Exception {
        String kafka = pipeline.bootstrapServers();
        Topics topics = Topics.defaults();
        Map<String, Object> result = new HashMap<>();
        try (Admin admin = Admin.create(KafkaSettings.admin(kafka))) {
            result.put(
                    "enrich",
                    covered(
                            admin,
                            EnrichConfig.DEFAULT_APPLICATION_ID,
                            TopicReader.readCommitted(kafka, topics.raw())));
            result.put(
                    "sink",
                    covered(admin, SinkConfig.DEFAULT_GROUP_ID, TopicReader.readCommitted(kafka, topics.enriched())));
            Map<String, TransactionDescription> tx = admin.describeTransactions(
                            List.of("pilu-crawl-bse", "pilu-crawl-cninfo"))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            result.put("crawl-transaction", tx.get("pilu-crawl-bse").state().toString());
            result.put(
                    "crawl-transaction-cninfo",
                    tx.get("pilu-crawl-cninfo").state().toString());
        }
        result.put("raw-records", TopicReader.readCommitted(kafka, topics.raw()).size());
        return result;
    }

    private static Map<String, Boolean> covered(Admin admin, String group, List<ConsumerRecord<byte[], byte[]>> records)
            throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS);
        Map<String, Boolean> covered = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            OffsetAndMetadata committed = offsets.get(tp);
            covered.merge(tp.toString(), committed != null && committed.offset() > r.offset(), Boolean::logicalAnd);
        }
        return covered;
    }
}
