package io.pilu.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaServerPropertiesTest {

    @Test
    void combinedSingleNodeOnLoopback() {
        Map<String, String> p = KafkaServerProperties.of(Path.of("/data/kraft"), 19092, 19093, Map.of());

        assertThat(p)
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("node.id", "1")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:19093")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:19092")
                .containsEntry("controller.listener.names", "CONTROLLER")
                .containsEntry("log.dirs", "/data/kraft");
    }

    @Test
    void everyInternalTopicAtReplicationFactorOne() {
        Map<String, String> p = KafkaServerProperties.of(Path.of("/d"), 1, 2, Map.of());

        assertThat(p)
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("share.coordinator.state.topic.replication.factor", "1")
                .containsEntry("share.coordinator.state.topic.min.isr", "1")
                .containsEntry("min.insync.replicas", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0")
                .containsEntry("auto.create.topics.enable", "false");
        assertThat(p).containsAllEntriesOf(KafkaServerProperties.SINGLE_NODE_DEFAULTS);
    }

    @Test
    void overridesWin() {
        Map<String, String> p = KafkaServerProperties.of(
                Path.of("/d"), 1, 2, Map.of("auto.create.topics.enable", "true", "log.retention.ms", "1000"));

        assertThat(p).containsEntry("auto.create.topics.enable", "true").containsEntry("log.retention.ms", "1000");
    }

    @Test
    void listenersStayReadable() {
        String text = KafkaServerProperties.render(KafkaServerProperties.of(Path.of("/d"), 9092, 9093, Map.of()));

        assertThat(text).contains("listeners=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093\n");
    }

    @Test
    void renderedFileReadsBackIdenticallyEvenWithSpecialCharacters() throws Exception {
        Map<String, String> settings = KafkaServerProperties.of(
                Path.of("/home/张三/my data:1#x"), 9092, 9093, Map.of("weird key=", " a\\b\tc!=:#"));

        String text = KafkaServerProperties.render(settings);
        Properties loaded = new Properties();
        // Kafka loads server.properties as ISO-8859-1.
        loaded.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));

        assertThat(text).isEqualTo(new String(text.getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII));
        assertThat(loaded).hasSize(settings.size());
        settings.forEach((k, v) -> assertThat(loaded.getProperty(k)).as(k).isEqualTo(v));
    }
}
