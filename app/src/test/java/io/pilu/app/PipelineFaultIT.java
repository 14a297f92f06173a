package io.pilu.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilu.app.fault.FaultPipeline;
import io.pilu.app.fault.ServiceProcess;
import io.pilu.infra.ElasticsearchNode;
import io.pilu.infra.KafkaBroker;
import io.pilu.model.DeadLetter;
import io.pilu.service.KafkaSettings;
import io.pilu.testkit.SharedInfra;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 7's fault proofs: crawl, enrich and sink run as separate {@code java -jar pilu.jar} processes over a real
 * Kafka broker and a real Elasticsearch node (this class's own, since the tests stop and restart them), fed by a
 * simulated bse.cn. Each test injects one kind of fault mid-run and then requires the same end state: one document
 * per distinct announcement in the index, each id exactly once on every topic for a read_committed reader, and
 * dead-letter topics holding exactly the poison records.
 *
 * <p>Service logs are under {@code target/fault-it/<prefix>/}; a failing test prints their tails.
 */
class PipelineFaultIT {

    /** Generated announcements per test, besides the nine bundled samples. */
    private static final int GENERATED = 150;
    /** Long enough for any recovery on a loaded 2-core machine; a healthy run converges far sooner. */
    private static final Duration CONVERGE = Duration.ofMinutes(3);

    private static KafkaBroker broker;
    private static ElasticsearchNode elasticsearch;
    private static Path jar;

    private FaultPipeline pipeline;

    @RegisterExtension
    final AfterTestExecutionCallback printLogsOnFailure = context -> {
        if (context.getExecutionException().isPresent() && pipeline != null) {
            System.err.println("===== " + context.getDisplayName() + " failed; service logs:\n" + pipeline.tails()
                    + "\n(broker log: " + broker.logFile() + ", node log: " + elasticsearch.logFile() + ")");
        }
    };

    @BeforeAll
    static void startInfra() {
        jar = Path.of("target", "pilu.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the fault ITs run the shaded CLI, which `mvn package`"
                    + " builds; run them with `mvn -f app/pom.xml verify`");
        }
        // Node and broker start in parallel: each is a JVM that takes several seconds to come up.
        CompletableFuture<ElasticsearchNode> node = CompletableFuture.supplyAsync(
                () -> SharedInfra.dedicatedElasticsearchNode().start());
        broker = SharedInfra.dedicatedKafkaBroker().start();
        elasticsearch = node.join();
    }

    @AfterAll
    static void stopInfra() {
        if (elasticsearch != null) {
            elasticsearch.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private FaultPipeline newPipeline(String name, int rateLimit) throws IOException {
        pipeline =
                new FaultPipeline(name, jar, broker.bootstrapServers(), elasticsearch::httpUrl, GENERATED, rateLimit);
        return pipeline;
    }

    @Test
    void eachServiceKilledMidRunAndRestartedLosesAndDuplicatesNothing() throws Exception {
        long start = System.nanoTime();
        // 10 requests/s: about 17 s of crawling, so every kill below lands while announcements still flow.
        // A restarted enrich or sink gets its partitions only once the group gives up on the killed member
        // (session timeout, 45 s by default); the sink is killed before enrich so the two waits overlap.
        try (FaultPipeline p = newPipeline("kill", 10)) {
            int n = p.fixtures.all().size();
            p.startAll();
            killMidRunAndRestart(p, p.crawl, () -> p.uncommitted(p.topics.raw()), 30, n);
            killMidRunAndRestart(p, p.sink, () -> (int) p.documentCount(), 30, n);
            killMidRunAndRestart(p, p.enrich, () -> p.uncommitted(p.topics.enriched()), 90, n);

            await().atMost(CONVERGE).pollInterval(Duration.ofSeconds(1)).until(p::delivered);
            p.assertExactlyOnce(Set.of());
        }
        report("kill -9 of crawl, enrich and sink", start);
    }

    /** Waits until {@code progress} reaches {@code threshold}, SIGKILLs {@code service}, checks it was mid-run, restarts it. */
    private static void killMidRunAndRestart(
            FaultPipeline p, ServiceProcess service, IntSupplier progress, int threshold, int total)
            throws InterruptedException {
        await().atMost(CONVERGE).pollInterval(Duration.ofMillis(200)).until(() -> {
            p.assertRunning();
            return progress.getAsInt() >= threshold;
        });
        service.kill();
        assertThat(progress.getAsInt())
                .as(service.name() + " killed before the run was through")
                .isLessThan(total);
        service.start();
    }

    @Test
    void elasticsearchDownForAWhileThenFullCatchUp() throws Exception {
        long start = System.nanoTime();
        try (FaultPipeline p = newPipeline("esdown", 20)) {
            int n = p.fixtures.all().size();
            p.startAll();
            await().atMost(CONVERGE).pollInterval(Duration.ofMillis(200)).until(() -> {
                p.assertRunning();
                return p.documentCount() >= 30;
            });
            elasticsearch.stop();
            long down = System.nanoTime();
            assertThat(p.documentCount()).as("node down").isEqualTo(-1);
            // Down for at least 15 s and until everything upstream of the sink is through, with the sink retrying
            // (not exiting) all along.
            await().pollDelay(Duration.ofSeconds(15))
                    .atMost(CONVERGE)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        p.assertRunning();
                        return p.committedKeys(p.topics.enriched()) == n;
                    });
            elasticsearch.restart();
            long up = System.nanoTime();
            await().atMost(CONVERGE).pollInterval(Duration.ofSeconds(1)).until(p::delivered);
            System.out.printf(
                    "PipelineFaultIT: Elasticsearch down %.1f s; after restart, catch-up to %d documents "
                            + "took %.1f s%n",
                    (up - down) / 1e9, n, (System.nanoTime() - up) / 1e9);
            p.assertExactlyOnce(Set.of());
        }
        report("Elasticsearch down then restarted", start);
    }

    @Test
    void brokerRestartedMidRunAllServicesRecoverUnattended() throws Exception {
        long start = System.nanoTime();
        try (FaultPipeline p = newPipeline("broker", 10)) {
            int n = p.fixtures.all().size();
            p.startAll();
            await().atMost(CONVERGE).pollInterval(Duration.ofMillis(200)).until(() -> {
                p.assertRunning();
                return p.documentCount() >= 30;
            });
            long down = System.nanoTime();
            broker.restart();
            long up = System.nanoTime();
            assertThat(p.committedKeys(p.topics.raw())).as("restarted mid-run").isLessThan(n);
            await().atMost(CONVERGE).pollInterval(Duration.ofSeconds(1)).until(p::delivered);
            System.out.printf(
                    "PipelineFaultIT: broker restart took %.1f s; the pipeline then delivered all %d "
                            + "announcements in %.1f s%n",
                    (up - down) / 1e9, n, (System.nanoTime() - up) / 1e9);
            p.assertExactlyOnce(Set.of());
        }
        report("broker restarted", start);
    }

    @Test
    void poisonRecordOnTheRawTopicIsDeadLetteredAndTheRestFlows() throws Exception {
        long start = System.nanoTime();
        try (FaultPipeline p = newPipeline("poison", 20)) {
            p.startAll();
            await().atMost(CONVERGE).pollInterval(Duration.ofMillis(200)).until(() -> {
                p.assertRunning();
                return p.committedKeys(p.topics.raw()) >= 30;
            });
            String key = "poison-" + p.prefix;
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                    KafkaSettings.producer(broker.bootstrapServers(), "fault-it-poison"),
                    new ByteArraySerializer(),
                    new ByteArraySerializer())) {
                // Truncated JSON: not a RawAnnouncement, so no stage can do anything with it but dead-letter it.
                producer.send(new ProducerRecord<>(
                                p.topics.raw(),
                                key.getBytes(StandardCharsets.UTF_8),
                                "{\"schemaVersion\":1,\"id\":\"".getBytes(StandardCharsets.UTF_8)))
                        .get();
            }
            await().atMost(CONVERGE).pollInterval(Duration.ofSeconds(1)).until(p::delivered);
            p.assertExactlyOnce(Set.of(key));
            List<DeadLetter> dead = p.enrichDeadLetters();
            assertThat(dead).singleElement().satisfies(d -> {
                assertThat(d.stage()).isEqualTo("enrich");
                assertThat(d.sourceTopic()).isEqualTo(p.topics.raw());
                assertThat(d.value()).isEqualTo("{\"schemaVersion\":1,\"id\":\"");
                assertThat(d.errorMessage()).as("the reason").isNotBlank();
            });
        }
        report("poison record", start);
    }

    private static void report(String scenario, long startNanos) {
        System.out.printf(
                "PipelineFaultIT: scenario '%s' took %.1f s wall time%n",
                scenario, (System.nanoTime() - startNanos) / 1e9);
    }
}
