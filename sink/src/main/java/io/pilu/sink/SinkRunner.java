package io.pilu.sink;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.pilu.service.Backoff;
import io.pilu.service.Check;
import io.pilu.service.KafkaSettings;
import io.pilu.service.Sleeper;
import io.pilu.sink.es.ElasticsearchBulkClient;
import io.pilu.sink.es.IndexBootstrapper;
import io.pilu.sink.es.IndexTemplate;
import io.pilu.sink.es.RestClientFactory;
import java.io.IOException;
import java.time.Clock;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires a running sink from a {@link SinkConfig}: Kafka consumer, dead-letter producer, Elasticsearch client, index
 * preparation, and the {@link SinkConsumerLoop} on its own thread. Used by {@code pilu sink}, the benchmark and tests.
 */
public final class SinkRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SinkRunner.class);

    private final SinkConfig config;
    private final ElasticsearchBulkClient es;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Admin admin;
    private final KafkaClientMetrics consumerMetrics;
    private final KafkaClientMetrics producerMetrics;
    private final SinkConsumerLoop service;
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final IndexTemplate.ChineseAnalyzer analyzer;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private SinkRunner(SinkConfig config, MeterRegistry registry, SinkIndex index) throws IOException {
        this.config = config;
        // named after the sink's client id, so the CPU its I/O threads use is counted as the sink's
        this.es = new ElasticsearchBulkClient(RestClientFactory.create(config.es(), index.clientId() + "-es"));
        try {
            this.analyzer = new IndexBootstrapper(es.rest())
                    .prepare(
                            index.templateResource(), config.indexAlias(), config.refreshInterval(), config.analyzer());
        } catch (IOException | RuntimeException e) {
            es.close();
            throw e;
        }
        Properties pp = KafkaSettings.producer(config.bootstrapServers(), index.clientId() + "-dlq");
        pp.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        pp.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(pp);
        Properties cp = KafkaSettings.consumer(config.bootstrapServers(), config.groupId(), index.clientId());
        cp.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        cp.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(cp);
        this.admin = Admin.create(KafkaSettings.admin(config.bootstrapServers()));
        // The clients' own metrics (fetch rate, records lag, commit latency; DLQ send errors) as kafka_consumer_* and
        // kafka_producer_*, next to the sink's own.
        this.consumerMetrics = new KafkaClientMetrics(consumer);
        consumerMetrics.bindTo(registry);
        this.producerMetrics = new KafkaClientMetrics(producer);
        producerMetrics.bindTo(registry);
        SinkMetrics metrics = new SinkMetrics(registry, index.meterPrefix());
        AtomicInteger retrying = new AtomicInteger();
        DeadLetterPublisher dlq = new DeadLetterPublisher(producer, config.dlqTopic(), Clock.systemUTC());
        BatchWriter writer = new BatchWriter(
                es::bulk,
                config.indexAlias(),
                dlq,
                config.retry(),
                Backoff.RANDOM,
                Sleeper.SYSTEM,
                metrics,
                retrying,
                index.mergesFilings() ? es.filingStore() : FilingMerger.NONE);
        this.service =
                new SinkConsumerLoop(config, consumer, writer, retrying, metrics, Clock.systemUTC(), index.decoder());
        this.thread = new Thread(
                () -> {
                    try {
                        service.run();
                    } catch (Throwable t) {
                        failure.set(t);
                        log.error("event=sink_failed error={}", t.toString(), t);
                    }
                },
                index.clientId() + "-consumer");
    }

    /** Prepares the index and starts consuming. */
    public static SinkRunner start(SinkConfig config, MeterRegistry registry) throws IOException {
        return start(config, registry, SinkIndex.ANNOUNCEMENTS);
    }

    /** Prepares {@code index}'s template and alias and starts consuming {@code config.sourceTopic()} into it. */
    public static SinkRunner start(SinkConfig config, MeterRegistry registry, SinkIndex index) throws IOException {
        SinkRunner r = new SinkRunner(config, registry, index);
        r.thread.start();
        return r;
    }

    /** Whether the consumer has been assigned partitions (the benchmark times from there). */
    public boolean consuming() {
        return service.assigned();
    }

    public IndexTemplate.ChineseAnalyzer analyzer() {
        return analyzer;
    }

    /** Ready when the loop runs, Elasticsearch answers and the Kafka cluster answers. */
    public Check readiness() {
        if (failure.get() != null) {
            return Check.failing("sink stopped: " + failure.get().getMessage());
        }
        if (!service.started()) {
            return Check.failing("consumer not polling yet");
        }
        Check esCheck = es.ping();
        if (!esCheck.ok()) {
            return esCheck;
        }
        try {
            String cluster = admin.describeCluster().clusterId().get(2, TimeUnit.SECONDS);
            return Check.ok(esCheck.detail() + "; kafka cluster " + cluster);
        } catch (Exception e) {
            return Check.failing("kafka unreachable: " + e);
        }
    }

    /** Liveness: the consumer thread has not died. */
    public Check liveness() {
        return thread.isAlive() || failure.get() == null
                ? Check.ok("sink loop running")
                : Check.failing("sink loop died: " + failure.get());
    }

    /** Waits for the loop to end (after {@link #close()} or a failure); returns the failure, or null. */
    public Throwable await() throws InterruptedException {
        thread.join();
        return failure.get();
    }

    /** Whether the consumer loop is still running. */
    public boolean running() {
        return thread.isAlive();
    }

    public Throwable failure() {
        return failure.get();
    }

    /** Stops consuming, drains in-flight batches up to the shutdown timeout, commits, closes the clients. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        service.stop();
        try {
            thread.join(config.shutdownTimeout().toMillis() + 10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumerMetrics.close();
        producerMetrics.close();
        producer.close();
        admin.close();
        try {
            es.close();
        } catch (IOException e) {
            log.warn("closing the Elasticsearch client: {}", e.toString());
        }
    }
}
