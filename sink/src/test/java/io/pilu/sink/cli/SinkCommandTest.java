package io.pilu.sink.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilu.sink.SinkConfig;
import io.pilu.sink.es.IndexTemplate;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SinkCommandTest {

    private static SinkConfig parse(String... args) {
        SinkCommand cmd = new SinkCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd.config();
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        // the build runs without PILU_* variables, so these are the compiled-in defaults
        SinkConfig c = parse();
        assertThat(c.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(c.sourceTopic()).isEqualTo("pilu.announcements.enriched");
        assertThat(c.dlqTopic()).isEqualTo("pilu.dlq.sink");
        assertThat(c.groupId()).isEqualTo("pilu-sink");
        assertThat(c.es().urls().get(0).toString()).isEqualTo("http://localhost:9200");
        assertThat(c.indexAlias()).isEqualTo("pilu-announcements");
        assertThat(io.pilu.sink.es.IndexTemplate.indexName(io.pilu.sink.es.IndexTemplate.RESOURCE, c.indexAlias()))
                .isEqualTo("pilu-announcements-v4");
        assertThat(c.batchMaxDocs()).isEqualTo(500);
        assertThat(c.batchMaxBytes()).isEqualTo(5L * 1024 * 1024);
        assertThat(c.linger()).isEqualTo(Duration.ofMillis(50));
        assertThat(c.maxInFlight()).isEqualTo(2);
        assertThat(c.retry().initialBackoff()).isEqualTo(Duration.ofMillis(100));
        assertThat(c.retry().maxBackoff()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.retry().maxRetries()).isEqualTo(-1);
        assertThat(c.shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.refreshInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.analyzer()).isEqualTo(IndexTemplate.ChineseAnalyzer.CJK);
    }

    @Test
    void analyzerIsChosenByNameAndAMisspeltOneIsAUsageErrorNamingTheValidOnes() {
        assertThat(parse("--analyzer", "smartcn").analyzer()).isEqualTo(IndexTemplate.ChineseAnalyzer.SMARTCN);
        assertThat(parse("--analyzer", "CJK").analyzer()).isEqualTo(IndexTemplate.ChineseAnalyzer.CJK);
        assertThatThrownBy(() -> parse("--analyzer", "ik_smart"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--analyzer")
                .hasMessageContaining("unknown analyzer 'ik_smart'")
                .hasMessageContaining("[cjk, smartcn]");
    }

    @Test
    void flagsOverrideAndThePrefixAppliesToBothTopics() {
        SinkConfig c = parse(
                "--topic-prefix",
                "t1.",
                "--es-url",
                "https://es1:9243,https://es2:9243",
                "--index-alias",
                "ann",
                "--batch-size",
                "100",
                "--batch-bytes",
                "2048",
                "--linger-ms",
                "50",
                "--max-in-flight",
                "4",
                "--retry-backoff-ms",
                "10",
                "--retry-backoff-max-ms",
                "20",
                "--max-retries",
                "7",
                "--group-id",
                "g");
        assertThat(c.sourceTopic()).isEqualTo("t1.pilu.announcements.enriched");
        assertThat(c.dlqTopic()).isEqualTo("t1.pilu.dlq.sink");
        assertThat(c.es().urls()).hasSize(2);
        assertThat(c.indexAlias()).isEqualTo("ann");
        assertThat(c.batchMaxDocs()).isEqualTo(100);
        assertThat(c.batchMaxBytes()).isEqualTo(2048);
        assertThat(c.linger()).isEqualTo(Duration.ofMillis(50));
        assertThat(c.maxInFlight()).isEqualTo(4);
        assertThat(c.retry().maxRetries()).isEqualTo(7);
        assertThat(c.groupId()).isEqualTo("g");
    }
}
