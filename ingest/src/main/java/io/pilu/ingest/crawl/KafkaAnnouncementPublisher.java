package io.pilu.ingest.crawl;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.pilu.model.Json;
import io.pilu.model.JsonSerde;
import io.pilu.model.RawAnnouncement;
import io.pilu.service.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes each page's raw records (topic {@code raw}, key = announcement id) and the walk's state (compacted topic
 * {@code crawlerState}, key = state key) in ONE Kafka transaction. Readers with {@code read_committed} see a page
 * and its checkpoint together or not at all, which is what makes a restarted crawler, even after kill -9, resume with
 * no gap and no duplicate.
 *
 * <p>Order at start matters: {@code initTransactions()} first (it fences a previous instance with the same
 * {@code transactional.id} and aborts its open transaction), then the state is read back with read_committed,
 * so an aborted half-batch of the dead instance can neither be seen nor block the read.
 */
public final class KafkaAnnouncementPublisher implements AnnouncementPublisher {

    private static final Logger log = LoggerFactory.getLogger(KafkaAnnouncementPublisher.class);
    private static final Duration STATE_READ_TIMEOUT = Duration.ofSeconds(60);

    private final String bootstrapServers;
    private final String rawTopic;
    private final String stateTopic;
    private final KafkaProducer<String, byte[]> producer;
    private final JsonSerde<RawAnnouncement> serde = JsonSerde.raw();
    private final Admin admin;
    private volatile Instant lastReachableCheck = Instant.EPOCH;
    private volatile boolean lastReachable;
    private volatile KafkaClientMetrics producerMetrics;

    /**
     * @param transactionalId stable per crawler instance (the default {@code pilu-crawl-bse} for the one crawler):
     *                        a restarted instance with the same id fences the old one
     */
    public KafkaAnnouncementPublisher(
            String bootstrapServers,
            String rawTopic,
            String stateTopic,
            String transactionalId,
            Duration transactionTimeout) {
        this.bootstrapServers = bootstrapServers;
        this.rawTopic = rawTopic;
        this.stateTopic = stateTopic;
        Properties p = KafkaSettings.producer(bootstrapServers, transactionalId);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) transactionTimeout.toMillis());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(p);
        this.admin = Admin.create(KafkaSettings.admin(bootstrapServers));
        try {
            producer.initTransactions();
        } catch (KafkaException e) {
            close();
            throw new IllegalStateException(
                    "cannot initialise Kafka transactions (transactional.id " + transactionalId + ") on "
                            + bootstrapServers + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * Exposes the producer's own metrics (send rate, errors, batch sizes, request latency) as {@code kafka_producer_*}
     * in {@code registry}; unbound again by {@link #close()}.
     */
    public void bindTo(MeterRegistry registry) {
        KafkaClientMetrics metrics = new KafkaClientMetrics(producer);
        metrics.bindTo(registry);
        producerMetrics = metrics;
    }

    @Override
    public Optional<String> readState(String key) throws PublishException {
        Properties p = KafkaSettings.consumer(bootstrapServers, "pilu-crawl-state-reader", "pilu-crawl-state-reader");
        p.remove("group.id"); // manual assignment, no group, nothing committed
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                p,
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(stateTopic, STATE_READ_TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                throw new PublishException("state topic " + stateTopic + " does not exist", null, true);
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // With read_committed, endOffsets is the last stable offset: everything before it is decided.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, STATE_READ_TIMEOUT);
            String value = null;
            long deadline = System.nanoTime() + STATE_READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new PublishException("timed out reading the crawler state from " + stateTopic, null, false);
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(r.key())) {
                        value = r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8);
                    }
                }
            }
            return Optional.ofNullable(value);
        } catch (KafkaException e) {
            throw new PublishException(
                    "cannot read the crawler state from " + stateTopic + ": " + e.getMessage(), e, false);
        }
    }

    @Override
    public void publish(List<RawAnnouncement> records, String stateKey, Object state) throws PublishException {
        try {
            producer.beginTransaction();
        } catch (KafkaException e) {
            throw classify("cannot begin a transaction", e);
        }
        try {
            for (RawAnnouncement r : records) {
                producer.send(new ProducerRecord<>(rawTopic, r.id(), fitting(r)));
            }
            producer.send(
                    new ProducerRecord<>(stateTopic, stateKey, Json.write(state).getBytes(StandardCharsets.UTF_8)));
            producer.commitTransaction(); // flushes; throws if any send failed
        } catch (ProducerFencedException
                | OutOfOrderSequenceException
                | AuthorizationException
                | UnsupportedVersionException e) {
            throw classify("transaction failed", e);
        } catch (KafkaException e) {
            try {
                producer.abortTransaction();
            } catch (KafkaException abortFailure) {
                e.addSuppressed(abortFailure);
                throw classify("transaction failed and could not be aborted", e);
            }
            throw classify("transaction aborted", e);
        }
    }

    /**
     * The record's bytes, or, when they exceed the record budget ({@link KafkaSettings#MAX_RECORD_BYTES}; only a
     * {@code --max-text-chars} far above its default gets there), those of the record without its text, FAILED with
     * the reason: a record Kafka refuses would abort every transaction of the page, poll after poll.
     */
    byte[] fitting(RawAnnouncement r) {
        byte[] bytes = serde.toBytes(r);
        if (bytes.length <= KafkaSettings.MAX_RECORD_BYTES) {
            return bytes;
        }
        log.warn(
                "announcement {}: raw record of {} bytes is over the {}-byte record budget; published FAILED without "
                        + "its text",
                io.pilu.service.LogText.escape(r.id()),
                bytes.length,
                KafkaSettings.MAX_RECORD_BYTES);
        return serde.toBytes(new RawAnnouncement(
                r.schemaVersion(),
                r.id(),
                r.source(),
                r.exchange(),
                r.companyCode(),
                r.companyName(),
                r.title(),
                r.typeCodes(),
                r.publishDate(),
                r.documentUrl(),
                r.fileType(),
                r.documentSha256(),
                r.documentBytes(),
                r.pageCount(),
                null,
                RawAnnouncement.ExtractionStatus.FAILED,
                "RECORD_TOO_LARGE: the record with its text is " + bytes.length + " bytes, over the "
                        + KafkaSettings.MAX_RECORD_BYTES + "-byte record budget (lower --max-text-chars)",
                r.fetchedAt()));
    }

    private static PublishException classify(String what, KafkaException e) {
        boolean fatal = e instanceof ProducerFencedException
                || e instanceof OutOfOrderSequenceException
                || e instanceof AuthorizationException
                || e instanceof UnsupportedVersionException
                || e instanceof org.apache.kafka.common.errors.InvalidProducerEpochException;
        return new PublishException(what + ": " + e, e, fatal);
    }

    @Override
    public boolean reachable() {
        // /readyz may be scraped often; ask the cluster at most every 10 s
        if (Duration.between(lastReachableCheck, Instant.now()).toSeconds() < 10) {
            return lastReachable;
        }
        boolean ok;
        try {
            admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
            ok = true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            ok = false;
        }
        lastReachable = ok;
        lastReachableCheck = Instant.now();
        return ok;
    }

    @Override
    public void close() {
        if (producerMetrics != null) {
            producerMetrics.close();
        }
        try {
            producer.close(Duration.ofSeconds(10));
        } catch (KafkaException e) {
            log.warn("closing the producer: {}", e.toString());
        }
        admin.close(Duration.ofSeconds(5));
    }
}
