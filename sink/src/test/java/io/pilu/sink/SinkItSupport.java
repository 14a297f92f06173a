package io.pilu.sink;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilu.model.DeadLetter;
import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.Json;
import io.pilu.model.JsonSerde;
import io.pilu.service.KafkaSettings;
import io.pilu.sink.es.ElasticsearchSettings;
import io.pilu.sink.es.RestClientFactory;
import io.pilu.testkit.SharedInfra;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/** Topics, producers and Elasticsearch look-ups for the sink's integration tests, one isolated set per test. */
public final class SinkItSupport implements AutoCloseable {

    public final String topic;
    public final String dlqTopic;
    public final String alias = SharedInfra.uniqueName("pilu-announcements");
    public final String groupId = SharedInfra.uniqueName("sink");
    public final RestClient es;
    private final KafkaProducer<byte[], byte[]> producer;

    public SinkItSupport(int partitions) {
        this(partitions, SharedInfra.uniqueName("enriched"), SharedInfra.uniqueName("dlq-sink"));
    }

    /** With given topic names, e.g. those {@code --topic-prefix} gives a sink run as a command. */
    public SinkItSupport(int partitions, String topic, String dlqTopic) {
        this.topic = topic;
        this.dlqTopic = dlqTopic;
        SharedInfra.createTopic(topic, partitions);
        SharedInfra.createTopic(dlqTopic, 1);
        es = RestClientFactory.create(ElasticsearchSettings.of(SharedInfra.elasticsearchUrl()));
        Properties p = KafkaSettings.producer(SharedInfra.kafkaBootstrapServers(), "sink-it");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producer = new KafkaProducer<>(p);
    }

    public SinkConfig config(String esUrl) {
        return new SinkConfig(
                SharedInfra.kafkaBootstrapServers(),
                topic,
                dlqTopic,
                groupId,
                ElasticsearchSettings.of(esUrl),
                alias,
                SinkConfig.DEFAULT_BATCH_MAX_DOCS,
                SinkConfig.DEFAULT_BATCH_MAX_BYTES,
                Duration.ofMillis(100),
                SinkConfig.DEFAULT_MAX_IN_FLIGHT,
                new RetryPolicy(Duration.ofMillis(50), Duration.ofMillis(500), RetryPolicy.UNLIMITED),
                Duration.ofSeconds(10));
    }

    public SinkConfig config() {
        return config(SharedInfra.elasticsearchUrl());
    }

    public void send(EnrichedAnnouncement e) {
        send(e.id(), JsonSerde.enriched().toBytes(e));
    }

    public void send(String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value))
                    .get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    public void sendAll(List<EnrichedAnnouncement> all) {
        for (EnrichedAnnouncement e : all) {
            producer.send(new ProducerRecord<>(
                    topic,
                    e.id().getBytes(StandardCharsets.UTF_8),
                    JsonSerde.enriched().toBytes(e)));
        }
        producer.flush();
    }

    /** Documents visible in the alias after a refresh. */
    public long count() throws IOException {
        es.performRequest(new Request("POST", "/" + alias + "/_refresh"));
        return json(es.performRequest(new Request("GET", "/" + alias + "/_count")))
                .path("count")
                .asLong();
    }

    /** The stored source of {@code id}, or null. */
    public JsonNode get(String id) throws IOException {
        try {
            return json(es.performRequest(new Request("GET", "/" + alias + "/_doc/" + id)));
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    /** All ids in the alias (up to 10 000). */
    public Set<String> ids() throws IOException {
        es.performRequest(new Request("POST", "/" + alias + "/_refresh"));
        Request r = new Request("POST", "/" + alias + "/_search");
        r.setEntity(new StringEntity(
                "{\"size\":10000,\"_source\":false,\"query\":{\"match_all\":{}}}", ContentType.APPLICATION_JSON));
        List<String> ids = new ArrayList<>();
        json(es.performRequest(r))
                .path("hits")
                .path("hits")
                .forEach(h -> ids.add(h.path("_id").asText()));
        return Set.copyOf(ids);
    }

    public JsonNode search(String body) throws IOException {
        es.performRequest(new Request("POST", "/" + alias + "/_refresh"));
        Request r = new Request("POST", "/" + alias + "/_search");
        r.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        return json(es.performRequest(r));
    }

    /** Every dead letter in the sink's DLQ topic so far. */
    public List<DeadLetter> deadLetters() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.kafkaBootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> tps = List.of(new TopicPartition(dlqTopic, 0));
            c.assign(tps);
            c.seekToBeginning(tps);
            long end = c.endOffsets(tps).get(tps.get(0));
            List<DeadLetter> out = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 10_000;
            while (c.position(tps.get(0)) < end && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    out.add(JsonSerde.deadLetter().fromBytes(r.value()));
                }
            }
            return out;
        }
    }

    /** Committed offsets of the sink's group vs the topic's end offsets: equal when everything was committed. */
    public Map<TopicPartition, Long> committedLag() throws Exception {
        try (Admin admin = Admin.create(KafkaSettings.admin(SharedInfra.kafkaBootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata()
                    .get();
            Set<TopicPartition> tps =
                    admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .collect(Collectors.toSet());
            Map<TopicPartition, OffsetSpec> specs =
                    tps.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            var ends = admin.listOffsets(specs).all().get();
            return tps.stream()
                    .collect(Collectors.toMap(
                            tp -> tp,
                            tp -> ends.get(tp).offset()
                                    - (committed.get(tp) == null
                                            ? 0
                                            : committed.get(tp).offset())));
        }
    }

    public static JsonNode json(Response r) throws IOException {
        try (InputStream in = r.getEntity().getContent()) {
            return Json.mapper().readTree(in);
        }
    }

    @Override
    public void close() throws IOException {
        producer.close();
        es.close();
    }
}
