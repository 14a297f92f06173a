package io.pilu.enrich.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilu.model.Topics;
import java.nio.file.Path;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class EnrichConfigTest {

    @Test
    void refusesWhatEveryStreamsStageRefuses() {
        Topics topics = Topics.defaults();
        assertThatThrownBy(() -> new EnrichConfig("k:9092", "pilu-enrich", topics, Path.of("s"), 0, 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threads must be >= 1, got 0");
        assertThatThrownBy(() -> new EnrichConfig(null, "pilu-enrich", topics, Path.of("s"), 1, 100))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("bootstrapServers");
    }

    @Test
    void defaultsAreExactlyOnceWithTheDeadLetterHandler() {
        EnrichConfig config = EnrichConfig.defaults("k:9092", Topics.defaults());
        assertThat(config.streamsProperties())
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, EnrichConfig.DEFAULT_APPLICATION_ID)
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(
                        DeadLetterProductionHandler.DLQ_TOPIC_CONFIG,
                        Topics.defaults().dlqEnrich());
    }
}
