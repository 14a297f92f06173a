package io.pilu.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void defaultsAreTheDocumentedNames() {
        Topics t = Topics.fromEnv(Map.of());
        assertThat(t.raw()).isEqualTo("pilu.announcements.raw");
        assertThat(t.enriched()).isEqualTo("pilu.announcements.enriched");
        assertThat(t.all())
                .hasSize(11)
                .filteredOn(Topics.TopicSpec::compacted)
                .extracting(Topics.TopicSpec::name)
                .containsExactly(
                        "pilu.crawler.state",
                        "pilu.research-visits",
                        "pilu.company-coverage",
                        "pilu.institution-coverage");
    }

    @Test
    void prefixAppliesToEveryTopic() {
        Topics t = Topics.fromEnv(Map.of("PILU_TOPIC_PREFIX", "it42."));
        assertThat(t.all()).allSatisfy(s -> assertThat(s.name()).startsWith("it42.pilu."));
    }
}
