package io.pilu.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pilu.model.DeadLetter;
import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.IrActivity;
import io.pilu.model.JsonSerde;
import io.pilu.sink.es.IndexTemplate;
import io.pilu.testkit.PiluIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sink against the shared real broker and ES node: indexing, versions, replays, dead letters, tombstones. */
@PiluIntegrationTest
class SinkIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private SinkItSupport it;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<SinkRunner> runners = new ArrayList<>();

    @BeforeEach
    void setUp() {
        it = new SinkItSupport(3);
    }

    @AfterEach
    void tearDown() throws Exception {
        runners.forEach(SinkRunner::close);
        it.close();
    }

    private SinkRunner start(SinkConfig config) throws Exception {
        SinkRunner r = SinkRunner.start(config, registry);
        runners.add(r);
        return r;
    }

    private double counter(String name) {
        var c = registry.find(name).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void indexesChineseDocumentsIntoAWriteAliasWithBigramsAndCommitsOffsets() throws Exception {
        it.send(SinkFixtures.ir("ir-1", 1));
        it.send(SinkFixtures.periodic("p-1", 1));
        it.send(SinkFixtures.failedExtraction("f-1"));
        SinkRunner sink = start(it.config());
        assertThat(sink.analyzer()).isEqualTo(IndexTemplate.ChineseAnalyzer.CJK);

        await().atMost(WAIT).until(() -> it.count() == 3);
        JsonNode ir = it.get("ir-1");
        assertThat(ir.path("_index").asText()).isEqualTo(it.alias + "-v4");
        assertThat(ir.path("_version").asLong()).isEqualTo(1);
        assertThat(ir.at("/_source/ir/customers/0").asText()).isEqualTo("智谱华章");
        assertThat(it.get("f-1").at("/_source/extraction").asText()).isEqualTo("FAILED");

        JsonNode hits = it.search("""
                {"query":{"match":{"text":{"query":"智谱华章","operator":"and"}}},"highlight":{"fields":{"text":{}}}}""");
        assertThat(hits.at("/hits/total/value").asLong()).isEqualTo(1);
        assertThat(hits.at("/hits/hits/0/_id").asText()).isEqualTo("ir-1");
        assertThat(hits.at("/hits/hits/0/highlight/text/0").asText()).contains("<em>");
        JsonNode byParticipant = it.search("{\"query\":{\"term\":{\"ir.participants\":\"中邮证券有限责任公司\"}}}");
        assertThat(byParticipant.at("/hits/total/value").asLong()).isEqualTo(1);
        JsonNode byRevenue = it.search("""
                {"query":{"nested":{"path":"figures","query":{"bool":{"filter":[
                  {"term":{"figures.metric":"营业收入"}},{"range":{"figures.amountYuan":{"gte":500000000}}}]}}}}}""");
        assertThat(byRevenue.at("/hits/hits/0/_id").asText()).isEqualTo("p-1");

        await().atMost(WAIT).until(() -> it.committedLag().values().stream().allMatch(l -> l == 0));
        assertThat(counter("pilu.sink.docs.indexed")).isEqualTo(3);
        assertThat(sink.readiness().ok()).isTrue();
    }

    @Test
    void replayingTheTopicTwiceKeepsOneDocumentPerAnnouncement() throws Exception {
        List<EnrichedAnnouncement> docs = IntStream.range(0, 120)
                .mapToObj(i -> SinkFixtures.ir("ann-" + i, 1))
                .toList();
        it.sendAll(docs);
        it.sendAll(docs); // the same records published twice (e.g. an enrich replay)
        start(it.config());
        await().atMost(WAIT).until(() -> it.committedLag().values().stream().allMatch(l -> l == 0));
        assertThat(it.count()).isEqualTo(120);

        // a second sink with a fresh group reads the whole topic again
        SinkConfig c = it.config();
        SinkConfig replay = new SinkConfig(
                c.bootstrapServers(),
                c.sourceTopic(),
                c.dlqTopic(),
                c.groupId() + "-replay",
                c.es(),
                c.indexAlias(),
                c.batchMaxDocs(),
                c.batchMaxBytes(),
                c.linger(),
                c.maxInFlight(),
                c.retry(),
                c.shutdownTimeout());
        start(replay);
        await().atMost(WAIT).until(() -> counter("pilu.sink.docs.indexed") == 480);
        assertThat(it.count()).isEqualTo(120);
        assertThat(counter("pilu.sink.docs.stale.skipped")).isZero();
    }

    @Test
    void anOlderEnrichmentVersionNeverOverwritesANewerOne() throws Exception {
        it.send(SinkFixtures.ir("doc-v", 3));
        EnrichedAnnouncement older = SinkFixtures.periodic("doc-v", 2); // same id, older logic, different content
        it.send(older);
        it.send(SinkFixtures.ir("doc-w", 1));
        start(it.config());
        await().atMost(WAIT).until(() -> it.count() == 2 && counter("pilu.sink.docs.stale.skipped") == 1);
        JsonNode stored = it.get("doc-v");
        assertThat(stored.at("/_source/enrichmentVersion").asInt()).isEqualTo(3);
        assertThat(stored.at("/_source/documentClass").asText()).isEqualTo("IR_ACTIVITY_RECORD");
        assertThat(stored.at("/_source/arrivals/0/enrichmentVersion").asInt()).isEqualTo(3);

        it.send(SinkFixtures.periodic("doc-v", 4)); // a newer one does win
        await().atMost(WAIT)
                .until(() -> it.get("doc-v").at("/_source/enrichmentVersion").asInt() == 4);
        await().atMost(WAIT).until(() -> it.committedLag().values().stream().allMatch(l -> l == 0));
        assertThat(it.deadLetters()).isEmpty();
    }

    @Test
    void documentsElasticsearchRejectsAndUnreadableRecordsAreDeadLetteredWhileTheOthersAreIndexed() throws Exception {
        EnrichedAnnouncement good = SinkFixtures.ir("good-1", 1);
        IrActivity badIr = new IrActivity(
                good.irActivity().layout(),
                good.irActivity().activityTypes(),
                null,
                "2024年6月17日", // an unparsed date: ir.date is a date field, ES refuses the document
                null,
                List.of(),
                null,
                null,
                List.of(),
                List.of(),
                List.of(),
                List.of());
        EnrichedAnnouncement bad = new EnrichedAnnouncement(
                1,
                "bad-1",
                good.announcement(),
                good.documentClass(),
                badIr,
                List.of(),
                List.of(),
                1,
                good.enrichedAt());
        it.send(good);
        it.send(bad);
        it.send("junk-1", "<html>502 Bad Gateway</html>".getBytes(StandardCharsets.UTF_8));
        it.send(SinkFixtures.periodic("good-2", 1));
        start(it.config());

        await().atMost(WAIT).until(() -> it.deadLetters().size() == 2);
        assertThat(it.count()).isEqualTo(2);
        assertThat(it.get("bad-1")).isNull();
        List<DeadLetter> dls = it.deadLetters();
        DeadLetter rejected =
                dls.stream().filter(d -> "bad-1".equals(d.key())).findFirst().orElseThrow();
        assertThat(rejected.stage()).isEqualTo("sink");
        assertThat(rejected.errorClass()).isEqualTo("document_parsing_exception");
        assertThat(rejected.errorMessage()).contains("ir.date").contains("2024年6月17日");
        assertThat(rejected.sourceTopic()).isEqualTo(it.topic);
        assertThat(rejected.offset()).isNotNull();
        assertThat(JsonSerde.enriched().fromBytes(rejected.valueBytes()).id()).isEqualTo("bad-1");
        DeadLetter junk =
                dls.stream().filter(d -> "junk-1".equals(d.key())).findFirst().orElseThrow();
        assertThat(junk.errorClass()).isEqualTo(SerializationException.class.getName());
        assertThat(junk.value()).isEqualTo("<html>502 Bad Gateway</html>");
        await().atMost(WAIT).until(() -> it.committedLag().values().stream().allMatch(l -> l == 0));
        assertThat(registry.find("pilu.sink.docs.rejected")
                        .tag("error_type", "document_parsing_exception")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aTombstoneDeletesTheDocumentAndOneForAnUnknownIdIsFine() throws Exception {
        it.send(SinkFixtures.ir("gone-1", 1));
        it.send(SinkFixtures.ir("kept-1", 1));
        start(it.config());
        await().atMost(WAIT).until(() -> it.count() == 2);
        it.send("gone-1", null);
        it.send("never-existed", null);
        await().atMost(WAIT).until(() -> it.get("gone-1") == null && counter("pilu.sink.docs.deleted") == 2);
        assertThat(it.count()).isEqualTo(1);
        await().atMost(WAIT).until(() -> it.committedLag().values().stream().allMatch(l -> l == 0));
        assertThat(it.deadLetters()).isEmpty();
    }
}
