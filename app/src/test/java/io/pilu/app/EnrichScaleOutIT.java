package io.pilu.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilu.app.fault.ServiceProcess;
import io.pilu.enrich.bench.ExtractionBenchmark;
import io.pilu.model.DocumentClass;
import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.EntityMention;
import io.pilu.model.JsonSerde;
import io.pilu.model.RawAnnouncement;
import io.pilu.model.Topics;
import io.pilu.service.KafkaSettings;
import io.pilu.service.TopicProvisioner;
import io.pilu.testkit.PiluIntegrationTest;
import io.pilu.testkit.SharedInfra;
import io.pilu.testkit.TopicReader;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale-out (issue 17): two {@code pilu enrich} processes (the shaded CLI, each its own JVM, as an operator runs
 * them) share one input under exactly-once. The second joins once the first has committed part of the stream, so the
 * group rebalances mid-stream; the second half of the input is written after it joined. Afterwards a read_committed
 * reader finds every announcement exactly once on every output topic, and each process has enriched records of its
 * own.
 */
@PiluIntegrationTest
class EnrichScaleOutIT {

    private static final int ANNOUNCEMENTS = 3000;
    /** Input rate: the stream lasts several seconds, long enough for the second process to join while it flows. */
    private static final int PER_SECOND = 300;

    @TempDir
    Path dir;

    @Test
    void twoEnrichProcessesShareTheInputAndWriteEveryIdOnce() throws Exception {
        Path jar = Path.of("target", "pilu.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    jar + " is missing: this IT runs the shaded CLI, which `mvn package` builds");
        }
        String bootstrap = SharedInfra.kafkaBootstrapServers();
        String prefix = SharedInfra.uniqueName("scale") + ".";
        Topics topics = Topics.withPrefix(prefix);
        TopicProvisioner.ensure(bootstrap, topics, (short) 1);
        String applicationId = prefix + "enrich";
        String irText = ExtractionBenchmark.sampleText();

        int portA = freePort();
        int portB = freePort();
        ServiceProcess a = enrich("enrich-a", jar, bootstrap, prefix, applicationId, portA);
        ServiceProcess b = enrich("enrich-b", jar, bootstrap, prefix, applicationId, portB);
        CompletableFuture<Void> secondJoined = new CompletableFuture<>();
        CompletableFuture<Void> producing =
                CompletableFuture.runAsync(() -> produce(bootstrap, topics, irText, secondJoined));
        try {
            a.start();
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> committedInput(bootstrap, applicationId, topics.raw()) >= 200);
            b.start();

            // the group rebalances: both members hold some of the raw topic's partitions
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> membersWithPartitions(bootstrap, applicationId, topics.raw()) == 2);
            // the second half of the input is written only now, so both processes have records to enrich
            secondJoined.complete(null);
            producing.get(2, TimeUnit.MINUTES);
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> committedInput(bootstrap, applicationId, topics.raw())
                            == endOffsets(bootstrap, topics.raw()));

            double enrichedByA = enrichedCount(portA);
            double enrichedByB = enrichedCount(portB);
            long input = endOffsets(bootstrap, topics.raw());
            System.out.printf(
                    "EnrichScaleOutIT: process A enriched %.0f records, process B %.0f (%d on the raw topic)%n",
                    enrichedByA, enrichedByB, input);
            assertThat(enrichedByA).as("records enriched by process A").isPositive();
            assertThat(enrichedByB).as("records enriched by process B").isPositive();
            // a transaction aborted by the rebalance is redone, so the two may add up to a little more
            assertThat(enrichedByA + enrichedByB).isGreaterThanOrEqualTo(input);
        } finally {
            a.requestStop();
            b.requestStop();
            a.awaitStop();
            b.awaitStop();
            producing.cancel(true);
        }

        // What the raw topic holds is the input (a send the test's producer gave up on under load is not input):
        // every id on it must reach every output exactly once.
        Set<String> ids = new HashSet<>();
        TopicReader.readCommitted(bootstrap, topics.raw())
                .forEach(r -> ids.add(new String(r.key(), StandardCharsets.UTF_8)));
        assertThat(ids.size()).as("announcements on the raw topic").isGreaterThan(ANNOUNCEMENTS * 9 / 10);
        long irIds = ids.stream()
                .filter(id -> Integer.parseInt(id.substring("scale-".length())) % 2 == 0)
                .count();
        Map<String, Integer> enriched = counts(
                TopicReader.readCommitted(bootstrap, topics.enriched()),
                r -> JsonSerde.enriched().fromBytes(r.value()).id());
        assertThat(enriched.keySet()).isEqualTo(ids);
        assertThat(enriched.values()).as("each id once on the enriched topic").allMatch(n -> n == 1);

        List<ConsumerRecord<byte[], byte[]>> irRecords = TopicReader.readCommitted(bootstrap, topics.irActivities());
        Map<String, Integer> irKeys = counts(irRecords, r -> new String(r.key(), StandardCharsets.UTF_8));
        assertThat(irKeys.keySet()).isEqualTo(ids);
        assertThat(irKeys.values())
                .as("each id once on the IR topic (a record or a tombstone)")
                .allMatch(n -> n == 1);
        List<EnrichedAnnouncement> ir = irRecords.stream()
                .map(r -> r.value() == null ? null : JsonSerde.enriched().fromBytes(r.value()))
                .filter(Objects::nonNull)
                .toList();
        assertThat(ir).hasSize((int) irIds).allMatch(e -> e.documentClass() == DocumentClass.IR_ACTIVITY_RECORD);

        int entitiesPerIr = ir.get(0).entities().size();
        assertThat(entitiesPerIr).isPositive();
        Map<String, Integer> mentions = counts(TopicReader.readCommitted(bootstrap, topics.entityMentions()), r -> {
            EntityMention m = JsonSerde.entityMention().fromBytes(r.value());
            return m.announcementId() + "/" + m.normalizedName() + "/" + m.role();
        });
        assertThat(mentions).hasSize((int) irIds * entitiesPerIr);
        assertThat(mentions.values()).as("each mention once").allMatch(n -> n == 1);
        assertThat(TopicReader.readCommitted(bootstrap, topics.dlqEnrich())).isEmpty();
    }

    private ServiceProcess enrich(
            String name, Path jar, String bootstrap, String prefix, String applicationId, int opsPort) {
        return new ServiceProcess(
                "enrich",
                jar,
                List.of(
                        "--bootstrap-servers",
                        bootstrap,
                        "--topic-prefix",
                        prefix,
                        "--application-id",
                        applicationId,
                        "--state-dir",
                        dir.resolve(name + "-state").toString(),
                        "--ops-host",
                        "127.0.0.1",
                        "--ops-port",
                        Integer.toString(opsPort)),
                dir.resolve(name));
    }

    /**
     * Half IR records (the seed-sized sample), half other announcements, at {@link #PER_SECOND}; the second half of
     * them once {@code secondJoined} completes.
     */
    private static void produce(String bootstrap, Topics topics, String irText, CompletableFuture<Void> secondJoined) {
        Properties p = KafkaSettings.producer(bootstrap, "scale-out-it-producer");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            long started = System.nanoTime();
            for (int i = 0; i < ANNOUNCEMENTS; i++) {
                if (i == ANNOUNCEMENTS / 2) {
                    producer.flush();
                    secondJoined.get(3, TimeUnit.MINUTES);
                    started = System.nanoTime() - (long) i * 1_000_000_000L / PER_SECOND;
                }
                boolean irRecord = i % 2 == 0;
                String id = "scale-" + i;
                RawAnnouncement raw = new RawAnnouncement(
                        RawAnnouncement.SCHEMA_VERSION,
                        id,
                        "bse",
                        "BSE",
                        "839493",
                        "并行科技",
                        irRecord ? "[临时公告]并行科技:投资者关系活动记录表" : "[临时公告]并行科技:关于召开2024年第一次临时股东大会通知公告",
                        List.of("9504"),
                        LocalDate.of(2024, 6, 18),
                        "https://www.bse.cn/disclosure/" + id + ".pdf",
                        "pdf",
                        "0".repeat(64),
                        1L,
                        1,
                        irRecord ? irText : "北京并行科技股份有限公司定于2024年7月5日召开2024年第一次临时股东大会。",
                        RawAnnouncement.ExtractionStatus.OK,
                        null,
                        Instant.now());
                producer.send(
                        new ProducerRecord<>(
                                topics.raw(),
                                id.getBytes(StandardCharsets.UTF_8),
                                JsonSerde.raw().toBytes(raw)),
                        (metadata, error) -> {
                            if (error != null) {
                                System.err.println(
                                        "EnrichScaleOutIT: the test's producer gave up on " + id + ": " + error);
                            }
                        });
                long due = started + (long) (i + 1) * 1_000_000_000L / PER_SECOND;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the second process never joined", e);
        }
    }

    /** Input offsets the enrich group has committed (exactly-once: together with the outputs of those records). */
    private static long committedInput(String bootstrap, String group, String topic) throws Exception {
        try (Admin admin = Admin.create(KafkaSettings.admin(bootstrap))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            return offsets.entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset())
                    .sum();
        }
    }

    private static long endOffsets(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(KafkaSettings.admin(bootstrap))) {
            int partitions = admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions()
                    .size();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(o -> o.offset())
                    .sum();
        }
    }

    /** Members of the group that hold at least one partition of {@code topic}. */
    private static long membersWithPartitions(String bootstrap, String group, String topic) throws Exception {
        try (Admin admin = Admin.create(KafkaSettings.admin(bootstrap))) {
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group))
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .get(group);
            List<MemberDescription> holding = new ArrayList<>();
            for (MemberDescription m : d.members()) {
                if (m.assignment().topicPartitions().stream()
                        .anyMatch(tp -> tp.topic().equals(topic))) {
                    holding.add(m);
                }
            }
            // two stream threads of one process would also be two members: count distinct hosts of client ids
            return holding.stream()
                    .map(m -> m.clientId().replaceAll("-StreamThread-\\d+-consumer$", ""))
                    .distinct()
                    .count();
        }
    }

    /** The records a process counted as enriched, from its own /metrics (pilu_enrich_records_total, every class). */
    private static double enrichedCount(int opsPort) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + opsPort + "/metrics"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body()
                .lines()
                .filter(l -> l.startsWith("pilu_enrich_records_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Map<String, Integer> counts(
            List<ConsumerRecord<byte[], byte[]>> records,
            java.util.function.Function<ConsumerRecord<byte[], byte[]>, String> id) {
        Map<String, Integer> counts = new HashMap<>();
        records.forEach(r -> counts.merge(id.apply(r), 1, Integer::sum));
        return counts;
    }
}
