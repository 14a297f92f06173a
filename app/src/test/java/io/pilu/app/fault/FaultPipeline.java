package io.pilu.app.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilu.ingest.simulator.BseSimulator;
import io.pilu.model.DeadLetter;
import io.pilu.model.Topics;
import io.pilu.service.TopicProvisioner;
import io.pilu.testkit.SharedInfra;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One isolated pipeline for one fault test: a simulated exchange filled with {@link FaultFixtures}, its own topic
 * prefix, consumer groups, transactional ids, Kafka Streams state and index alias, and the three services as child
 * JVMs of the shaded {@code pilu.jar}. Closing it stops the services (SIGTERM) and the simulator; the broker and the
 * node belong to the test class.
 */
public final class FaultPipeline implements AutoCloseable {

    /** Lines of each service log printed when a test fails. */
    private static final int TAIL_LINES = 60;

    public final String prefix;
    public final Topics topics;
    public final String alias;
    public final FaultFixtures fixtures;
    public final ServiceProcess crawl;
    public final ServiceProcess enrich;
    public final ServiceProcess sink;
    private final BseSimulator site;
    private final PipelineAudit audit;
    private final Supplier<String> esUrl;

    /**
     * @param esUrl     read on every use: a restarted node keeps its port, but the supplier keeps that an
     *                  assumption of the node launcher rather than of this class
     * @param rateLimit the crawler's requests per second; the crawler is the slowest stage, so this sets how long a
     *                  run lasts and therefore how much of it a fault can land in
     */
    public FaultPipeline(String name, Path jar, String bootstrap, Supplier<String> esUrl, int generated, int rateLimit)
            throws IOException {
        this.prefix = SharedInfra.uniqueName(name) + ".";
        this.topics = Topics.withPrefix(prefix);
        this.alias = SharedInfra.uniqueName(name + "-docs");
        this.esUrl = esUrl;
        this.audit = new PipelineAudit(bootstrap);
        this.site = BseSimulator.start();
        this.fixtures = FaultFixtures.fill(site, generated, 4);
        Path dir = Files.createDirectories(Path.of("target", "fault-it", prefix.substring(0, prefix.length() - 1)))
                .toAbsolutePath();
        // Created up front so the audit can read every topic even before a service has created it.
        TopicProvisioner.ensure(bootstrap, topics, (short) 1);
        List<String> kafka = List.of("--bootstrap-servers", bootstrap, "--topic-prefix", prefix, "--ops-port", "0");
        this.crawl = new ServiceProcess(
                "crawl",
                jar,
                concat(
                        kafka,
                        List.of(
                                "--base-url",
                                site.baseUrl(),
                                "--from",
                                FaultFixtures.FROM.toString(),
                                "--poll-interval",
                                "1s",
                                "--rate-limit",
                                Integer.toString(rateLimit),
                                "--transactional-id",
                                prefix + "crawl",
                                // an orphaned transaction of a killed crawler is fenced by the restart (same
                                // transactional id);
                                // the short timeout only bounds how long a never-restarted one would block
                                // read_committed readers
                                "--transaction-timeout",
                                "10s",
                                "--backoff-max",
                                "5s",
                                "--work-dir",
                                dir.resolve("crawl-work").toString())),
                dir);
        this.enrich = new ServiceProcess(
                "enrich",
                jar,
                concat(
                        kafka,
                        List.of(
                                "--application-id",
                                prefix + "enrich",
                                // reused across restarts: Streams keeps its process id there, so the restart fences the
                                // killed
                                // instance's transactions instead of waiting for them to time out
                                "--state-dir",
                                dir.resolve("enrich-state").toString())),
                dir);
        this.sink = new ServiceProcess(
                "sink",
                jar,
                concat(
                        kafka,
                        List.of(
                                "--es-url",
                                esUrl.get(),
                                "--index-alias",
                                alias,
                                "--group-id",
                                prefix + "sink",
                                "--batch-size",
                                "25",
                                "--linger-ms",
                                "100",
                                "--retry-backoff-max-ms",
                                "2000")),
                dir);
    }

    public void startAll() {
        enrich.start();
        sink.start();
        crawl.start();
    }

    /** Fails with every service's log tail as soon as one has exited: a fault must never stop a service for good. */
    public void assertRunning() {
        for (ServiceProcess s : List.of(crawl, enrich, sink)) {
            if (!s.isAlive()) {
                throw new AssertionError(s + " is not running\n" + tails());
            }
        }
    }

    public long documentCount() {
        return audit.documentCount(esUrl.get(), alias);
    }

    /** Records in {@code topic} visible to a read_uncommitted reader: progress, including open transactions. */
    public int uncommitted(String topic) {
        return audit.size(topic, false);
    }

    /** Distinct keys a read_committed reader sees in {@code topic}. */
    public int committedKeys(String topic) {
        return audit.keyCounts(topic, true).size();
    }

    /** Whether the whole run has arrived: every announcement indexed and on the enriched topic. */
    public boolean delivered() {
        assertRunning();
        int n = fixtures.all().size();
        return documentCount() == n && committedKeys(topics.enriched()) == n;
    }

    /**
     * The end-state contract: the index holds exactly one document per distinct announcement; raw, enriched and
     * IR-activities topics hold each id exactly once for a read_committed reader; the enrich dead-letter topic holds
     * exactly {@code poisonKeys}, each once, and the sink's holds nothing.
     */
    public void assertExactlyOnce(Set<String> poisonKeys) throws IOException {
        Set<String> rawExpected = new HashSet<>(fixtures.all());
        rawExpected.addAll(poisonKeys);
        assertEachOnce("raw topic, read_committed", audit.keyCounts(topics.raw(), true), rawExpected);
        assertEachOnce("enriched topic, read_committed", audit.keyCounts(topics.enriched(), true), fixtures.all());
        // the IR table holds every id once: the IR records, and a tombstone for each other announcement
        assertEachOnce(
                "IR-activities topic, read_committed", audit.keyCounts(topics.irActivities(), true), fixtures.all());
        assertThat(documentCount())
                .as("documents in " + alias)
                .isEqualTo(fixtures.all().size());
        Set<String> indexed = audit.documentIds(esUrl.get(), alias);
        assertThat(difference(fixtures.all(), indexed))
                .as("announcements missing from " + alias)
                .isEmpty();
        assertThat(difference(indexed, fixtures.all()))
                .as("unexpected documents in " + alias)
                .isEmpty();
        List<DeadLetter> enrichDead = audit.deadLetters(topics.dlqEnrich());
        assertThat(enrichDead)
                .as("enrich dead letters")
                .extracting(DeadLetter::key)
                .containsExactlyInAnyOrderElementsOf(poisonKeys);
        assertThat(audit.deadLetters(topics.dlqSink())).as("sink dead letters").isEmpty();
        assertThat(site.contractViolations())
                .as("crawler requests the exchange would reject")
                .isEmpty();
    }

    /** Names the offending ids (missing, repeated, unexpected) rather than dumping two maps of ~160 entries. */
    private static void assertEachOnce(String what, Map<String, Integer> counts, Set<String> expected) {
        assertThat(difference(expected, counts.keySet()))
                .as(what + ": missing ids")
                .isEmpty();
        assertThat(counts.entrySet().stream()
                        .filter(e -> e.getValue() != 1)
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)))
                .as(what + ": ids not exactly once (id=count)")
                .isEmpty();
        assertThat(difference(counts.keySet(), expected))
                .as(what + ": unexpected keys")
                .isEmpty();
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }

    public List<DeadLetter> enrichDeadLetters() {
        return audit.deadLetters(topics.dlqEnrich());
    }

    public String tails() {
        return crawl.tails(TAIL_LINES) + enrich.tails(TAIL_LINES) + sink.tails(TAIL_LINES);
    }

    @Override
    public void close() {
        try {
            List<ServiceProcess> all = List.of(crawl, enrich, sink);
            all.forEach(ServiceProcess::requestStop);
            for (ServiceProcess s : all) {
                s.awaitStop();
            }
        } catch (InterruptedException e) {
            // Interrupted while the services stop: keep the flag for the caller; the children die with this JVM.
            Thread.currentThread().interrupt();
        } finally {
            site.close();
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
