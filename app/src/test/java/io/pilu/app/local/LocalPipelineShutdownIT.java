package io.pilu.app.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.pilu.enrich.topology.EnrichConfig;
import io.pilu.ingest.cli.CrawlCommand;
import io.pilu.ingest.simulator.BseSimulator;
import io.pilu.ingest.simulator.SampleSet;
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
 * {@code pilu local --offline} stopped after it indexed the samples: its one lifecycle stops crawl, enrich, sink, the
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
        Map<String, Object> atStop = new HashMap<>();
        try (BseSimulator site = BseSimulator.withSamples()) {
            LocalPipeline pipeline = LocalPipeline.start(LocalPipeline.Options.all(
                    dataDir,
                    0,
                    0,
                    0,
                    null,
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
                        .until(() ->
                                pipeline.status().indexed() == samples.ids().size());
                // Runs after the services stopped and before the node and the broker do: what they left committed.
                pipeline.lifecycle().add(Phase.OPS, "probe", () -> atStop.putAll(committed(pipeline)));
            } finally {
                pipeline.close();
            }
            assertThat(pipeline.lifecycle().closed())
                    .extracting(Closed::name)
                    .containsExactly(
                            "crawl-bse",
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

        assertThat(atStop).containsKeys("enrich", "sink", "crawl-transaction", "raw-records");
        assertThat(atStop.get("raw-records")).isEqualTo(samples.ids().size());
        assertThat((String) atStop.get("crawl-transaction")).isNotEqualTo("ONGOING");
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
            TransactionDescription tx = admin.describeTransactions(List.of("pilu-crawl-bse"))
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .get("pilu-crawl-bse");
            result.put("crawl-transaction", tx.state().toString());
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
