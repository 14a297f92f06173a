package io.pilu.testkit;

import io.pilu.infra.KafkaServerProperties;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real KRaft broker (combined broker + controller) inside the test JVM, through Kafka's own
 * {@link KafkaClusterTestKit}: real network listener, real log segments in a temp dir, no Docker.
 */
final class EmbeddedKafka implements KafkaService {

    private final KafkaClusterTestKit cluster;

    private EmbeddedKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    static EmbeddedKafka start() {
        KafkaClusterTestKit cluster = null;
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    // The test kit formats with the newest, possibly unstable, metadata version by default; the tests
                    // must see what a released broker does.
                    .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                    .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
            KafkaServerProperties.SINGLE_NODE_DEFAULTS.forEach(builder::setConfigProp);
            builder.setConfigProp("unstable.api.versions.enable", "false");
            builder.setConfigProp("unstable.feature.versions.enable", "false");
            cluster = builder.build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new EmbeddedKafka(cluster);
        } catch (Exception e) {
            if (cluster != null) {
                closeQuietly(cluster, e);
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("in-JVM Kafka (KafkaClusterTestKit) failed to start: " + e, e);
        }
    }

    private static void closeQuietly(KafkaClusterTestKit cluster, Exception failure) {
        try {
            cluster.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("in-JVM Kafka failed to close", e);
        }
    }
}
