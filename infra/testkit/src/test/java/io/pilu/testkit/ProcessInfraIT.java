package io.pilu.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilu.infra.ElasticsearchNode;
import io.pilu.infra.KafkaBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Broker and node processes of their own (not the shared ones): data written before a SIGKILL is there after a
 * restart on the same data dir and port.
 */
@Tag("integration")
class ProcessInfraIT {

    private static final String VALUE = "{\"code\":\"430047\",\"title\":\"关于签订重大合同的公告\"}";

    @Test
    void brokerKeepsAcknowledgedRecordsAcrossAKill() throws Exception {
        try (KafkaBroker broker = SharedInfra.dedicatedKafkaBroker().start()) {
            report("Kafka broker process start", broker.lastStartupTime());
            String clusterId = broker.clusterId();
            String topic = SharedInfra.uniqueName("fault");
            try (Admin admin = admin(broker)) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
                        .all()
                        .get();
            }
            RecordMetadata written = produce(broker, topic);

            broker.kill();
            assertThat(broker.isAlive()).isFalse();
            broker.restart();
            report("Kafka broker process restart after kill -9", broker.lastStartupTime());

            assertThat(broker.isAlive()).isTrue();
            assertThat(broker.clusterId()).isEqualTo(clusterId);
            List<ConsumerRecord<byte[], byte[]>> all = TopicReader.readCommitted(broker.bootstrapServers(), topic);
            assertThat(all).as("the record written before the kill").hasSize(1);
            ConsumerRecord<byte[], byte[]> read = all.get(0);
            assertThat(new String(read.value(), StandardCharsets.UTF_8)).isEqualTo(VALUE);
            assertThat(read.offset()).isEqualTo(written.offset());
        }
    }

    @Test
    void elasticsearchKeepsIndexedDocumentsAcrossAKill() throws Exception {
        try (ElasticsearchNode node = SharedInfra.dedicatedElasticsearchNode().start()) {
            report("Elasticsearch node process start", node.lastStartupTime());
            String url = node.httpUrl();
            String index = SharedInfra.uniqueName("fault");
            // No refresh and no flush: the document is only in the translog, which is fsynced per request.
            HttpResponse<String> indexed = send(HttpRequest.newBuilder(URI.create(url + "/" + index + "/_doc/1"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(VALUE)));
            assertThat(indexed.statusCode()).as(indexed.body()).isEqualTo(201);

            node.kill();
            assertThat(node.isAlive()).isFalse();
            node.restart();
            report("Elasticsearch node process restart after kill -9", node.lastStartupTime());

            assertThat(node.httpUrl()).isEqualTo(url);
            HttpResponse<String> fetched = send(HttpRequest.newBuilder(URI.create(url + "/" + index + "/_doc/1"))
                    .GET());
            assertThat(fetched.statusCode()).as(fetched.body()).isEqualTo(200);
            assertThat(fetched.body()).contains("\"found\":true").contains("关于签订重大合同的公告");
        }
    }

    private static void report(String what, Duration time) {
        System.out.printf("[pilu-infra timing] %s: %d ms%n", what, time.toMillis());
    }

    private static Admin admin(KafkaBroker broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private static RecordMetadata produce(KafkaBroker broker, String topic) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class))) {
            return producer.send(new ProducerRecord<>(topic, "430047", VALUE)).get();
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient()
                .send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
