package io.pilu.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch.core.InfoResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.indices.analyze.AnalyzeToken;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.http.HttpHost;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shared infrastructure is real: a record makes a round trip through the broker's log, and Elasticsearch
 * segments Chinese text into words with smartcn.
 */
@PiluIntegrationTest
class InfrastructureSmokeIT {

    static final String TEXT = "公司重要的大模型客户主要包括智谱华章";

    record Announcement(String code, String title, String text) {}

    private static RestClient restClient;
    private static ElasticsearchClient es;

    @BeforeAll
    static void connectElasticsearch() {
        restClient = RestClient.builder(HttpHost.create(SharedInfra.elasticsearchUrl()))
                .build();
        es = new ElasticsearchClient(new RestClientTransport(restClient, new JacksonJsonpMapper()));
    }

    @AfterAll
    static void disconnect() throws IOException {
        restClient.close();
    }

    @Test
    void announcementMakesARoundTripThroughTheBrokerLog() throws Exception {
        String topic = SharedInfra.uniqueName("smoke-announcements");
        SharedInfra.createTopic(topic, 3);
        String json = "{\"code\":\"430047\",\"title\":\"关于签订重大合同的公告\",\"text\":\"" + TEXT + "\"}";

        RecordMetadata written;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedInfra.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class))) {
            written = producer.send(new ProducerRecord<>(topic, "430047", json)).get();
        }
        TopicPartition partition = new TopicPartition(topic, written.partition());

        // The broker's log for that partition now ends right after our record.
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.kafkaBootstrapServers()))) {
            long endOffset = admin.listOffsets(Map.of(partition, OffsetSpec.latest()))
                    .partitionResult(partition)
                    .get()
                    .offset();
            assertThat(endOffset).isEqualTo(written.offset() + 1);
        }

        List<ConsumerRecord<byte[], byte[]>> all =
                TopicReader.readCommitted(SharedInfra.kafkaBootstrapServers(), topic);
        assertThat(all).hasSize(1);
        ConsumerRecord<byte[], byte[]> read = all.get(0);
        assertThat(read.partition()).isEqualTo(written.partition());
        assertThat(new String(read.value(), StandardCharsets.UTF_8))
                .isEqualTo(json)
                .contains("智谱华章");
        assertThat(new String(read.key(), StandardCharsets.UTF_8)).isEqualTo("430047");
        assertThat(read.offset()).isEqualTo(written.offset());
        assertThat(read.timestamp()).isEqualTo(written.timestamp());
    }

    @Test
    void chineseTextIsSegmentedIntoWordsBySmartcn() throws Exception {
        String index = SharedInfra.uniqueName("smoke-announcements");
        es.indices()
                .create(c -> c.index(index)
                        .settings(s -> s.numberOfShards("1").numberOfReplicas("0"))
                        .mappings(m -> m.properties("code", p -> p.keyword(k -> k))
                                .properties("title", p -> p.text(t -> t.analyzer("smartcn")))
                                .properties("text", p -> p.text(t -> t.analyzer("smartcn")))));
        es.index(i -> i.index(index).id("430047-1").document(new Announcement("430047", "关于签订重大合同的公告", TEXT)));
        es.indices().refresh(r -> r.index(index));

        assertThat(hits(index, "大模型客户"))
                .as("all words of the query are in the text")
                .isEqualTo(1);
        // "型客" straddles the words 模型|客户: found by per-character (unigram) analysis, not by word segmentation.
        assertThat(hits(index, "型客")).as("no match across a word boundary").isZero();

        List<String> tokens = new ArrayList<>();
        for (AnalyzeToken token :
                es.indices().analyze(a -> a.analyzer("smartcn").text(TEXT)).tokens()) {
            tokens.add(token.token());
        }
        assertThat(tokens).contains("公司", "重要", "模型", "客户", "主要", "包括");
        assertThat(tokens).anySatisfy(t -> assertThat(t).hasSizeGreaterThan(1));
    }

    private static long hits(String index, String words) throws IOException {
        SearchResponse<Announcement> response = es.search(
                s -> s.index(index)
                        .query(q -> q.match(m -> m.field("text").query(words).operator(Operator.And))),
                Announcement.class);
        return response.hits().total().value();
    }

    @Test
    void rootEndpointAnswersTheJavaClientAsElasticsearch8() throws Exception {
        InfoResponse info = es.info();

        assertThat(info.version().number()).isEqualTo("8.19.21");
        assertThat(info.tagline()).isEqualTo("You Know, for Search");
        assertThat(info.clusterName()).isNotBlank();
        assertThat(es.ping().value()).isTrue();
    }
}
