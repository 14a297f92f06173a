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
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
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
            ensure(admin, bootstrapServers, specs, replication);
        }
    }

    /** As {@link #ensure(String, List, short)} on a given client; {@code where} names the cluster in errors. */
    static void ensure(Admin admin, String where, List<Topics.TopicSpec> specs, short replication) {
        try {
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
            awaitLeaders(admin, missing.stream().map(NewTopic::name).toList());
            log.info("created topics {}", missing.stream().map(NewTopic::name).toList());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "cannot create Pilu's topics on " + where + ": " + (e.getCause() == null ? e : e.getCause()), e);
        }
    }

    /**
     * Waits until the leader of every partition of {@code names} serves it. Creation returns once the controller has
     * the topics, and metadata names a leader before that broker has created the partition's log: a producer sending
     * at once gets NOT_LEADER_OR_FOLLOWER and, on retry, an idempotent producer was seen to hit OUT_OF_ORDER_SEQUENCE
     * and stall until its records expired (EnrichExactlyOnceIT on a freshly started broker). A list-offsets request
     * goes to the leader and succeeds only once it serves the partition.
     */
    private static void awaitLeaders(Admin admin, List<String> names) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            Map<String, TopicDescription> described = describe(admin, names);
            boolean ready = described != null
                    && described.values().stream()
                            .flatMap(d -> d.partitions().stream())
                            .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
            if (ready && servedByLeaders(admin, described)) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new TimeoutException("partitions of " + names + " still have no serving leader after 30 s");
            }
            Thread.sleep(50);
        }
    }

    /**
     * The topics' descriptions, or null while the broker answering does not know them yet: creation returns once the
     * controller has committed the topics, and a broker learns of them from the metadata log a moment later, so a
     * describe in that gap fails with UNKNOWN_TOPIC_OR_PARTITION (a retriable error; seen on CI).
     */
    private static Map<String, TopicDescription> describe(Admin admin, List<String> names)
            throws InterruptedException, TimeoutException {
        try {
            return admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RetriableException) {
                return null;
            }
            throw new IllegalStateException("cannot describe new topics: " + e.getCause(), e);
        }
    }

    private static boolean servedByLeaders(Admin admin, Map<String, TopicDescription> described)
            throws InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        described
                .values()
                .forEach(d -> d.partitions()
                        .forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        try {
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RetriableException) {
                return false; // not leading it yet
            }
            throw new IllegalStateException("cannot read the offsets of new topics: " + e.getCause(), e);
        }
    }
}
