package io.pilu.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Creates topics on the shared cluster and waits until the broker serves them. */
final class TopicCreator implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 50;

    private final Admin admin;

    TopicCreator(String bootstrapServers) {
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG,
                "pilu-testkit-topics"));
    }

    void create(String name, int partitions, boolean compacted) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
        Map<String, String> configs =
                compacted ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT) : Map.of();
        NewTopic topic = new NewTopic(name, partitions, (short) 1).configs(configs);
        try {
            admin.createTopics(List.of(topic)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause(), e.getCause());
            }
            // Created before (e.g. by another test class): fine as long as it has the asked-for shape.
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "creating topic " + name + " timed out after " + TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + name, e);
        }
        awaitLeaders(name, partitions);
    }

    /**
     * createTopics returns once the controller has the topic; the broker's metadata follows a moment later. Polls
     * until the broker describes every partition with a leader, so producers and consumers see it at once.
     */
    private void awaitLeaders(String name, int partitions) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        String lastState = "not described yet";
        while (System.nanoTime() < deadline) {
            try {
                TopicDescription description = admin.describeTopics(List.of(name))
                        .allTopicNames()
                        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                        .get(name);
                int actual = description.partitions().size();
                if (actual != partitions) {
                    throw new IllegalStateException(
                            "topic " + name + " already exists with " + actual + " partitions, not " + partitions);
                }
                if (description.partitions().stream()
                        .allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    return;
                }
                lastState = "partitions without leader: " + description.partitions();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException(
                            "cannot describe topic " + name + ": " + e.getCause(), e.getCause());
                }
                lastState = "unknown to the broker";
            } catch (TimeoutException e) {
                lastState = "describeTopics timed out";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topic " + name, e);
            }
            sleep();
        }
        throw new IllegalStateException(
                "topic " + name + " not ready after " + TIMEOUT.toSeconds() + " s: " + lastState);
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a topic", e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
