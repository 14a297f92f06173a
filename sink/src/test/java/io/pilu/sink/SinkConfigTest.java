package io.pilu.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilu.sink.es.ElasticsearchSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SinkConfigTest {

    static SinkConfig config(ElasticsearchSettings es) {
        return new SinkConfig(
                "localhost:9092",
                "pilu.announcements.enriched",
                "pilu.dlq.sink",
                SinkConfig.DEFAULT_GROUP_ID,
                es,
                SinkConfig.DEFAULT_INDEX_ALIAS,
                500,
                SinkConfig.DEFAULT_BATCH_MAX_BYTES,
                Duration.ofSeconds(1),
                2,
                RetryPolicy.defaults(),
                Duration.ofSeconds(30));
    }

    @Test
    void toStringNeverShowsPasswordOrApiKey() {
        String basic = config(ElasticsearchSettings.of("https://es:9200", "elastic", "s3cr3t-pw", null, null))
                .toString();
        assertThat(basic)
                .contains("username=elastic")
                .contains("password=****")
                .contains("auth=basic")
                .doesNotContain("s3cr3t-pw");
        String key = config(ElasticsearchSettings.of(
                        "https://es:9200",
                        null,
                        null,
                        "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==",
                        null))
                .toString();
        assertThat(key).contains("apiKey=****").contains("auth=api-key").doesNotContain("VnVhQ2ZH");
    }

    @Test
    void theWriteIndexIsTheAliasAtTheTemplatesMappingVersion() {
        String alias = config(ElasticsearchSettings.of("http://localhost:9200")).indexAlias();
        assertThat(io.pilu.sink.es.IndexTemplate.indexName(io.pilu.sink.es.IndexTemplate.RESOURCE, alias))
                .isEqualTo("pilu-announcements-v4");
        assertThat(io.pilu.sink.es.IndexTemplate.indexName(
                        io.pilu.sink.es.IndexTemplate.RESEARCH_VISITS_RESOURCE, "pilu-research-visits"))
                .isEqualTo("pilu-research-visits-v1");
    }

    @Test
    void badValuesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> ElasticsearchSettings.of("localhost:9200")).hasMessageContaining("http(s)://host");
        assertThatThrownBy(() -> ElasticsearchSettings.of("http://es:9200", "elastic", null, null, null))
                .hasMessageContaining("PILU_ES_PASSWORD");
        ElasticsearchSettings es = ElasticsearchSettings.of("http://a:9200, http://b:9201/");
        assertThat(es.urls()).hasSize(2);
        assertThat(es.urls().get(1).toString()).isEqualTo("http://b:9201");
        assertThatThrownBy(() -> new SinkConfig(
                        "k",
                        "t",
                        "d",
                        "g",
                        es,
                        "Pilu",
                        1,
                        1024,
                        Duration.ZERO,
                        1,
                        RetryPolicy.defaults(),
                        Duration.ZERO))
                .hasMessageContaining("lower-case");
        assertThatThrownBy(() -> new SinkConfig(
                        "k", "t", "d", "g", es, "p", 0, 1024, Duration.ZERO, 1, RetryPolicy.defaults(), Duration.ZERO))
                .hasMessageContaining("batch max docs");
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(5), -1))
                .hasMessageContaining("below initial");
    }
}
