package io.pilu.service;

import io.pilu.model.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates Pilu's topics when they are missing (idempotent: existing topics are left as they are). Services call it
 * at start so a fresh cluster works without a separate setup step; clusters that forbid topic creation from clients
 * simply get the topics created by their operators with the names and partitions from {@link Topics}.
 */
public final class TopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    private TopicProvisioner() {}

    /** Ensures every topic in {@code topics} exists, with replication factor {@code replication}. */
    public static void ensure(String bootstrapServers, Topics topics, short replication) {
        ensure(bootstrapServers, topics.all(), replication);
    }

    public static void ensure(String bootstrapServers, List<Topics.TopicSpec> specs, short replication) {
        try (Admin admin = Admin.create(KafkaSettings.admin(bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (Topics.TopicSpec spec : specs) {
                if (!existing.contains(spec.name())) {
                    NewTopic t = new NewTopic(spec.name(), spec.partitions(), replication);
                    // the producers' record budget, not the broker's ~1 MB default (one place: MAX_RECORD_BYTES)
                    Map<String, String> configs = new java.util.HashMap<>(Map.of(
                            TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(KafkaSettings.MAX_RECORD_BYTES)));
                    if (spec.compacted()) {
                        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
                    }
                    t.configs(configs);
                    missing.add(t);
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e; // a concurrent service creating the same topic is fine; anything else is not
                }
            }
            log.info("created topics {}", missing.stream().map(NewTopic::name).toList());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "cannot create Pilu's topics on " + bootstrapServers + ": "
                            + (e.getCause() == null ? e : e.getCause()),
                    e);
        }
    }
}
