package io.pilu.testkit;

import io.pilu.infra.KafkaServerProperties;
import java.util.Locale;
import org.apache.kafka.common.utils.AppInfoParser;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/** The {@code apache/kafka} image of the same Kafka version as the clients on the classpath, single-node settings. */
final class ContainerKafka implements KafkaService {

    private final KafkaContainer container;

    private ContainerKafka(KafkaContainer container) {
        this.container = container;
    }

    static ContainerKafka start() {
        DockerImageName image = DockerImageName.parse("apache/kafka").withTag(AppInfoParser.getVersion());
        KafkaContainer container = new KafkaContainer(image);
        // The image maps KAFKA_FOO_BAR to foo.bar; same settings as the embedded and process brokers.
        KafkaServerProperties.SINGLE_NODE_DEFAULTS.forEach((key, value) ->
                container.withEnv("KAFKA_" + key.toUpperCase(Locale.ROOT).replace('.', '_'), value));
        container.withEnv("KAFKA_HEAP_OPTS", "-Xmx512m -Xms512m");
        container.start();
        return new ContainerKafka(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void close() {
        container.stop();
    }
}
