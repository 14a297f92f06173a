package io.pilu.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilu.analytics.topology.InstitutionNames;
import io.pilu.model.CompanyCoverage;
import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.EntityType;
import io.pilu.model.InstitutionCoverage;
import io.pilu.model.IrActivity;
import io.pilu.model.Json;
import io.pilu.model.JsonSerde;
import io.pilu.model.Topics;
import io.pilu.service.KafkaSettings;
import io.pilu.service.TopicProvisioner;
import io.pilu.testkit.PiluIntegrationTest;
import io.pilu.testkit.SharedInfra;
import io.pilu.testkit.TopicReader;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two {@code pilu analytics} processes over an IR topic of 6 partitions: every key is answered by both, equal to
 * a recount of the input; one is killed with SIGKILL; after the rebalance the survivor answers every key with the
 * recount's figures, never a wrong one (503 with Retry-After meanwhile). The failover time is measured with 0 and 1
 * standby replicas and written to {@code target/analytics-failover.txt}.
 */
@PiluIntegrationTest
class AnalyticsFailoverIT {

    private static final int PARTITIONS = 6;
    private static final int ANNOUNCEMENTS = 300;
    private static final InstitutionNames NAMES = InstitutionNames.loadDefault();
    private static final String[] INSTITUTIONS = {
        "中邮证券",
        "中邮证券有限责任公司",
        "地泽投资",
        "国泰君安",
        "中信证券",
        "中金公司",
        "华夏基金",
        "易方达基金",
        "高毅资产",
        "景林资产",
        "招商证券",
        "广发证券",
        "嘉实基金",
        "东方证券",
        "兴业证券",
        "睿远基金",
        "泰康资产",
        "平安养老",
        "华泰证券",
        "某某私募"
    };

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "standby replicas {0}")
    @ValueSource(ints = {0, 1})
    void survivorAnswersEveryKeyExactlyAfterAKill(int standbys) throws Exception {
        String bootstrap = SharedInfra.kafkaBootstrapServers();
        String prefix = SharedInfra.uniqueName("an") + ".";
        Topics topics = Topics.withPrefix(prefix);
        SharedInfra.createTopic(topics.irActivities(), PARTITIONS);
        TopicProvisioner.ensure(bootstrap, topics, (short) 1);
        produce(bootstrap, topics);
        Recount recount = new Recount(lastValuePerKey(bootstrap, topics).values(), NAMES);

        String appId = "it-analytics-" + prefix;
        int portA = freePort();
        int portB = freePort();
        Process a = start(bootstrap, prefix, appId, "a", portA, standbys);
        Process b = start(bootstrap, prefix, appId, "b", portB, standbys);
        try {
            String urlA = "http://localhost:" + portA;
            String urlB = "http://localhost:" + portB;
            await().atMost(Duration.ofSeconds(180))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> allExact(urlA, recount) && allExact(urlB, recount));

            // the API's contract at the edges
            assertThat(get(urlA + "/api/rankings/companies?window=abc").statusCode())
                    .isEqualTo(400);
            assertThat(get(urlA + "/api/rankings/companies?window=30d&limit=0").statusCode())
                    .isEqualTo(400);
            assertThat(get(urlA + "/api/companies/839493/visitors?from=2024-07-01&to=2024-06-01")
                            .statusCode())
                    .isEqualTo(400);
            assertThat(get(urlA + "/api/companies/839493/new-visitors").statusCode())
                    .isEqualTo(400);
            assertThat(get(urlA + "/api/nothing").statusCode()).isEqualTo(404);
            assertThat(get(urlB + "/readyz").statusCode()).isEqualTo(200);

            long killed = System.nanoTime();
            a.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            List<Integer> unavailable = new ArrayList<>();
            long[] lookupsBack = {0};
            await().atMost(Duration.ofSeconds(180))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        if (lookupsBack[0] == 0 && check(urlB, recount, unavailable, false)) {
                            lookupsBack[0] = System.nanoTime();
                        }
                        return lookupsBack[0] != 0 && allExactOrUnavailable(urlB, recount, unavailable);
                    });
            double failover = (System.nanoTime() - killed) / 1e9;
            double lookups = (lookupsBack[0] - killed) / 1e9;
            String line = String.format(
                    "analytics failover, num.standby.replicas=%d, %d partitions, %d visits: after "
                            + "kill -9 the survivor answers every company and institution exactly after %.1f s, and "
                            + "the gathered ranking too after %.1f s (503 answers meanwhile: %d)%n",
                    standbys, PARTITIONS, recount.visits().size(), lookups, failover, unavailable.size());
            System.out.print(line);
            Files.writeString(
                    Path.of("target", "analytics-failover.txt"),
                    line,
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } finally {
            a.destroyForcibly();
            b.destroy();
            b.waitFor(30, TimeUnit.SECONDS);
            b.destroyForcibly();
        }
    }

    /** Every company, institution and ranking answered from {@code url} equals the recount (false: not yet). */
    private boolean allExact(String url, Recount recount) {
        try {
            return check(url, recount, null);
        } catch (AssertionError notCaughtUpYet) {
            return false;
        }
    }

    /** As {@link #allExact}, but a 503 (counted) only means "not yet"; any 200 must be exact. */
    private boolean allExactOrUnavailable(String url, Recount recount, List<Integer> unavailable) {
        return check(url, recount, unavailable);
    }

    private boolean check(String url, Recount recount, List<Integer> unavailable) {
        return check(url, recount, unavailable, true);
    }

    private boolean check(String url, Recount recount, List<Integer> unavailable, boolean ranking) {
        try {
            for (CompanyCoverage c : recount.companies().values()) {
                HttpResponse<String> r = get(url + "/api/companies/" + c.companyCode() + "/visitors");
                if (!acceptable(r, unavailable)) {
                    return false;
                }
                JsonNode a = Json.mapper().readTree(r.body());
                assertThat(a.get("institutions").asLong()).as(c.companyCode()).isEqualTo(c.institutions());
                assertThat(a.get("visits").asLong()).as(c.companyCode()).isEqualTo(c.visits());
            }
            for (InstitutionCoverage i : recount.institutions().values()) {
                HttpResponse<String> r = get(url + "/api/institutions/"
                        + URLEncoder.encode(i.normalizedName(), StandardCharsets.UTF_8)
                                .replace("+", "%20") + "/visits");
                if (!acceptable(r, unavailable)) {
                    return false;
                }
                JsonNode a = Json.mapper().readTree(r.body());
                assertThat(a.get("companies").asLong()).as(i.normalizedName()).isEqualTo(i.companies());
                assertThat(a.get("visits").asLong()).as(i.normalizedName()).isEqualTo(i.visits());
            }
            if (!ranking) {
                return true;
            }
            HttpResponse<String> r = get(url + "/api/rankings/companies?window=3660d&asOf=2024-12-31&limit=1000");
            if (!acceptable(r, unavailable)) {
                return false;
            }
            Map<String, long[]> expected =
                    recount.companiesIn(LocalDate.of(2024, 12, 31).minusDays(3659), LocalDate.of(2024, 12, 31));
            JsonNode rows = Json.mapper().readTree(r.body()).get("companies");
            assertThat(rows.size()).isEqualTo(expected.size());
            rows.forEach(row -> assertThat(new long[] {
                        row.get("institutions").asLong(), row.get("visits").asLong()
                    })
                    .as(row.toString())
                    .containsExactly(expected.get(row.get("companyCode").asText())));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean acceptable(HttpResponse<String> r, List<Integer> unavailable) {
        if (r.statusCode() == 200) {
            return true;
        }
        if (unavailable != null) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).isPresent();
            unavailable.add(r.statusCode());
        }
        return false;
    }

    private HttpResponse<String> get(String url) throws IOException {
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(15))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Announcements over 40 companies, then re-enrichments that change participants, then withdrawals. */
    private static void produce(String bootstrap, Topics topics) {
        Random random = new Random(13);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                KafkaSettings.producer(bootstrap, "an-it"), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int version = 1; version <= 2; version++) {
                for (int i = 0; i < ANNOUNCEMENTS; i++) {
                    if (version == 2 && i % 3 != 0) {
                        continue; // a third is re-enriched
                    }
                    EnrichedAnnouncement e = announcement(random, i, version);
                    send(producer, topics, e.id(), JsonSerde.enriched().toBytes(e));
                }
            }
            for (int i = 1; i < ANNOUNCEMENTS; i += 10) {
                send(producer, topics, "an-" + i, null);
            }
            producer.flush();
        }
    }

    /**
     * The input as the topic holds it: the last value of each key, tombstones removing it. The recount reads this,
     * not what the test meant to send: on a loaded machine a send can fail (seen: the in-JVM broker refusing a
     * retried batch with OutOfOrderSequenceException), and the services can only be exact about what was written.
     */
    private static Map<String, EnrichedAnnouncement> lastValuePerKey(String bootstrap, Topics topics) {
        List<ConsumerRecord<byte[], byte[]>> records =
                new ArrayList<>(TopicReader.readCommitted(bootstrap, topics.irActivities()));
        // a key lives in one partition: within it, offset order is write order
        records.sort(Comparator.comparingInt((ConsumerRecord<byte[], byte[]> r) -> r.partition())
                .thenComparingLong(ConsumerRecord::offset));
        Map<String, EnrichedAnnouncement> live = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            if (r.value() == null) {
                live.remove(key);
            } else {
                live.put(key, JsonSerde.enriched().fromBytes(r.value()));
            }
        }
        assertThat(live)
                .as("announcements written to %s", topics.irActivities())
                .isNotEmpty();
        return live;
    }

    private static EnrichedAnnouncement announcement(Random random, int i, int version) {
        String code = String.valueOf(830000 + (i % 40));
        LocalDate day = LocalDate.of(2024, 1, 1).plusDays(random.nextInt(360));
        String date = random.nextInt(10) == 0 ? day.toString().substring(0, 7) : day.toString();
        int n = 1 + random.nextInt(5);
        List<IrActivity.Participant> participants = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            String name = INSTITUTIONS[random.nextInt(INSTITUTIONS.length)];
            // the type as enrich would give it (the recount and the topology read the same)
            EntityType type = NAMES.type(name).orElse(EntityType.OTHER);
            participants.add(IrRecords.p(name, name, type, "研究员" + k));
        }
        return IrRecords.ir(
                "an-" + i,
                code,
                "公司" + code,
                date,
                day.plusDays(1),
                version,
                participants.toArray(IrActivity.Participant[]::new));
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, Topics topics, String id, byte[] value) {
        producer.send(new ProducerRecord<>(topics.irActivities(), id.getBytes(StandardCharsets.UTF_8), value));
    }

    private Process start(String bootstrap, String prefix, String appId, String name, int port, int standbys)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve("analytics-" + name + ".log");
        return new ProcessBuilder(
                        java,
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        AnalyticsProcessMain.class.getName(),
                        bootstrap,
                        prefix,
                        appId,
                        dir.resolve("state-" + name).toString(),
                        Integer.toString(port),
                        Integer.toString(standbys))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
