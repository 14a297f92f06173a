package io.pilu.testkit;

import java.util.Arrays;
import java.util.Locale;

/**
 * Which real infrastructure the integration tests use. Chosen by the system property {@value #PROPERTY} or else the
 * environment variable {@value #ENV}; {@link #EMBEDDED} when neither is set.
 */
public enum InfraMode {
    /** Kafka inside the test JVM (KafkaClusterTestKit), Elasticsearch as a child JVM. No Docker needed. */
    EMBEDDED,
    /** {@code apache/kafka} and Elasticsearch containers through Testcontainers; needs a Docker engine. */
    TESTCONTAINERS;

    public static final String PROPERTY = "pilu.it.infra";
    public static final String ENV = "PILU_IT_INFRA";

    public static InfraMode current() {
        return resolve(System.getProperty(PROPERTY), System.getenv(ENV));
    }

    static InfraMode resolve(String property, String env) {
        String value = property != null && !property.isBlank() ? property : env;
        if (value == null || value.isBlank()) {
            return EMBEDDED;
        }
        String normalized = value.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(mode -> mode.name().equals(normalized))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        PROPERTY + "/" + ENV + " must be 'embedded' or 'testcontainers', got '" + value + "'"));
    }
}
