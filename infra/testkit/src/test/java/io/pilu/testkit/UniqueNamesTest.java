package io.pilu.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class UniqueNamesTest {

    /** Kafka's legal topic characters, lower case only (Elasticsearch index names). */
    private static final Pattern TOPIC_AND_INDEX = Pattern.compile("[a-z0-9][a-z0-9._-]{0,248}");

    @Test
    void prefixDashRandomSuffix() {
        assertThat(SharedInfra.uniqueName("announcements")).matches("announcements-[a-z0-9]{8}");
    }

    @Test
    void anyPrefixBecomesALegalTopicAndIndexName() {
        for (String prefix : new String[] {
            "BSE Announcements", "_private", "-dash", ".hidden", "中文", "a/b\\c*?\"<>|,#:", "", null, "x".repeat(400)
        }) {
            String name = UniqueNames.of(prefix);
            assertThat(name).as("from %s", prefix).matches(TOPIC_AND_INDEX).isNotIn(".", "..");
        }
    }

    @Test
    void namesDoNotRepeat() {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            names.add(UniqueNames.of("t"));
        }
        assertThat(names).hasSize(10_000);
    }
}
