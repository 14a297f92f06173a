package io.pilu.analytics.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilu.model.Topics;
import java.nio.file.Path;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class AnalyticsConfigTest {

    private static AnalyticsConfig config(long commitIntervalMs, int standbyReplicas, String applicationServer) {
        return new AnalyticsConfig(
                "k:9092",
                AnalyticsConfig.DEFAULT_APPLICATION_ID,
                Topics.defaults(),
                Path.of("s"),
                1,
                commitIntervalMs,
                standbyReplicas,
                applicationServer);
    }

    @Test
    void refusesWhatEveryStreamsStageRefuses() {
        assertThatThrownBy(() -> config(0, 0, "localhost:9404"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("commitIntervalMs must be >= 1, got 0");
    }

    @Test
    void refusesItsOwnBadValues() {
        assertThatThrownBy(() -> config(100, -1, "localhost:9404"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("standbyReplicas must be >= 0, got -1");
        assertThatThrownBy(() -> config(100, 0, "localhost"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("application server must be host:port, got 'localhost'");
        assertThatThrownBy(() -> config(100, 0, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("applicationServer");
    }

    @Test
    void announcesItsApplicationServer() {
        assertThat(config(100, 1, "localhost:9404").withApplicationServer("h:1").streamsProperties())
                .containsEntry(StreamsConfig.APPLICATION_SERVER_CONFIG, "h:1")
                .containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
    }
}
