package io.pilu.app.fault;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilu.model.DeadLetter;
import io.pilu.model.Json;
import io.pilu.model.JsonSerde;
import io.pilu.service.KafkaSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads what the pipeline produced, from outside it: whole topics with a chosen isolation level (read_committed is
 * what downstream consumers see), and the Elasticsearch alias over plain HTTP. Every method answers a fresh snapshot.
 */
public final class PipelineAudit {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrap;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public PipelineAudit(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** How many times each key occurs in {@code topic}, reading every partition from the start to its end. */
    public Map<String, Integer> keyCounts(String topic, boolean committedOnly) {
        Map<String, Integer> counts = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records(topic, committedOnly)) {
            counts.merge(r.key() == null ? "<null>" : new String(r.key(), StandardCharsets.UTF_8), 1, Integer::sum);
        }
        return counts;
    }

    /** The number of records in {@code topic}. */
    public int size(String topic, boolean committedOnly) {
        return records(topic, committedOnly).size();
    }

    /** The committed dead letters of {@code topic}, decoded. */
    public List<DeadLetter> deadLetters(String topic) {
        return records(topic, true).stream()
                .map(r -> JsonSerde.deadLetter().fromBytes(r.value()))
                .toList();
    }

    private List<ConsumerRecord<byte[], byte[]>> records(String topic, boolean committedOnly) {
        Properties p = KafkaSettings.consumer(bootstrap, "fault-it-audit-" + System.nanoTime(), "fault-it-audit");
        p.remove(ConsumerConfig.GROUP_ID_CONFIG); // manual assignment: the audit must not join or commit anything
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, committedOnly ? "read_committed" : "read_uncommitted");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, READ_TIMEOUT).stream()
                    .map(i -> new TopicPartition(topic, i.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // With read_committed this is the last stable offset: an open transaction's records are not counted.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp, READ_TIMEOUT) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("timed out reading " + topic + " up to " + end);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    /** Documents behind {@code alias} after a refresh, or -1 while the alias does not exist or the node is down. */
    public long documentCount(String esUrl, String alias) {
        try {
            send(HttpRequest.newBuilder(URI.create(esUrl + "/" + alias + "/_refresh"))
                    .POST(HttpRequest.BodyPublishers.noBody()));
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(esUrl + "/" + alias + "/_count"))
                    .GET());
            return r.statusCode() == 200
                    ? Json.mapper().readTree(r.body()).path("count").asLong()
                    : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * The announcement (raw) ids behind {@code alias}, the arrivals of its documents (fewer than 10 000 in these tests;
     * every fixture announcement is a filing of its own, so one arrival per document).
     */
    public Set<String> documentIds(String esUrl, String alias) throws IOException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(
                        URI.create(esUrl + "/" + alias + "/_search?size=10000&_source_includes=arrivals.id"))
                .GET());
        if (r.statusCode() != 200) {
            throw new IOException("search of " + alias + " answered " + r.statusCode() + ": " + r.body());
        }
        Set<String> ids = new HashSet<>();
        for (JsonNode hit : Json.mapper().readTree(r.body()).path("hits").path("hits")) {
            hit.path("_source")
                    .path("arrivals")
                    .forEach(a -> ids.add(a.path("id").asText()));
        }
        return ids;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
