package io.pilu.service;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilu.model.Topics;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StreamsStageConfigTest {

    private static final Topics TOPICS = Topics.defaults();
    private static final Path DIR = Path.of("state");

    @Test
    void acceptsTheSmallestValidValues() {
        assertThatCode(() -> StreamsStageConfig.check("localhost:9092", "app", TOPICS, DIR, 1, 1))
                .doesNotThrowAnyException();
    }

    @Test
    void namesTheMissingValue() {
        assertThatThrownBy(() -> StreamsStageConfig.check(null, "app", TOPICS, DIR, 1, 1))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("bootstrapServers");
        assertThatThrownBy(() -> StreamsStageConfig.check("k:9092", null, TOPICS, DIR, 1, 1))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("applicationId");
        assertThatThrownBy(() -> StreamsStageConfig.check("k:9092", "app", null, DIR, 1, 1))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("topics");
        assertThatThrownBy(() -> StreamsStageConfig.check("k:9092", "app", TOPICS, null, 1, 1))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("stateDir");
    }

    @Test
    void refusesNoThreadsAndNoCommitInterval() {
        assertThatThrownBy(() -> StreamsStageConfig.check("k:9092", "app", TOPICS, DIR, 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threads must be >= 1, got 0");
        assertThatThrownBy(() -> StreamsStageConfig.check("k:9092", "app", TOPICS, DIR, 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("commitIntervalMs must be >= 1, got 0");
        assertThatThrownBy(() -> StreamsStageConfig.check("k:9092", "app", TOPICS, DIR, 1, -5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("commitIntervalMs must be >= 1, got -5");
    }
}
