package io.pilu.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pilu.model.EnrichedAnnouncement;
import io.pilu.testkit.PiluIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One filing, one document: the 并行科技 IR record arriving from bse.cn and from cninfo, in either order, on a real
 * broker and a real ES node, through the merge and withdraw scripts.
 */
@PiluIntegrationTest
class SinkFilingIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<SinkRunner> runners = new ArrayList<>();
    private final List<SinkItSupport> its = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        runners.forEach(SinkRunner::close);
        for (SinkItSupport it : its) {
            it.close();
        }
    }

    private SinkItSupport started() throws Exception {
        SinkItSupport it = new SinkItSupport(3);
        its.add(it);
        runners.add(SinkRunner.start(it.config(), registry));
        return it;
    }

    private double counter(String name) {
        var c = registry.find(name).counter();
        return c == null ? 0 : c.count();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.isObject() ? n.path("id").asText() : n.asText()));
        return out;
    }

    @Test
    void bothArrivalsInEitherOrderAreOneDocumentShowingTheExchangesOwnArrival() throws Exception {
        EnrichedAnnouncement bse = SinkFixtures.bseArrival(2);
        EnrichedAnnouncement cninfo = SinkFixtures.cninfoArrival(2);
        String filingId = bse.filingId();
        for (boolean bseFirst : new boolean[] {true, false}) {
            SinkItSupport it = started();
            it.send(bseFirst ? bse : cninfo);
            it.send(bseFirst ? cninfo : bse);
            await().atMost(WAIT).until(() -> {
                JsonNode d = it.get(filingId);
                return d != null && d.at("/_source/arrivals").size() == 2;
            });
            assertThat(it.count()).isEqualTo(1);
            JsonNode d = it.get(filingId).path("_source");
            assertThat(texts(d.path("sources"))).containsExactly("bse", "cninfo");
            assertThat(texts(d.path("arrivals"))).containsExactly(bse.id(), cninfo.id());
            assertThat(d.path("id").asText()).as("bse first = " + bseFirst).isEqualTo(bse.id());
            assertThat(d.path("source").asText()).isEqualTo("bse");
            assertThat(d.path("title").asText()).isEqualTo("[临时公告]并行科技:投资者关系活动记录表");
            assertThat(d.path("filingId").asText()).isEqualTo(filingId);
            // one search hit
            JsonNode hits = it.search("{\"query\":{\"term\":{\"companyCode\":\"839493\"}}}");
            assertThat(hits.at("/hits/total/value").asInt()).isEqualTo(1);
            assertThat(it.deadLetters()).isEmpty();
        }
    }

    @Test
    void versionsReplaysAndWithdrawalsKeepOneCorrectDocument() throws Exception {
        SinkItSupport it = started();
        EnrichedAnnouncement bse = SinkFixtures.bseArrival(2);
        String filingId = bse.filingId();
        it.send(bse);
        it.send(SinkFixtures.cninfoArrival(3)); // a newer enrichment of the cninfo arrival wins the content
        await().atMost(WAIT).until(() -> {
            JsonNode d = it.get(filingId);
            return d != null && d.at("/_source/arrivals").size() == 2;
        });
        assertThat(it.get(filingId).at("/_source/id").asText()).isEqualTo("cninfo-1220283591");
        assertThat(it.get(filingId).at("/_source/enrichmentVersion").asInt()).isEqualTo(3);

        it.send(SinkFixtures.cninfoArrival(1)); // an older one of the same arrival changes nothing
        it.send(bse); // a replay changes nothing
        await().atMost(WAIT)
                .until(() -> counter("pilu.sink.docs.stale.skipped") >= 1
                        && it.committedLag().values().stream().allMatch(l -> l == 0));
        assertThat(it.get(filingId).at("/_source/enrichmentVersion").asInt()).isEqualTo(3);
        assertThat(it.count()).isEqualTo(1);

        // cninfo withdraws its arrival: bse.cn still reports the filing, which stays, shown from bse.cn
        it.send("cninfo-1220283591", null);
        await().atMost(WAIT)
                .until(() -> it.get(filingId).at("/_source/arrivals").size() == 1);
        JsonNode d = it.get(filingId).path("_source");
        assertThat(texts(d.path("sources"))).containsExactly("bse");
        assertThat(d.path("id").asText()).isEqualTo(bse.id());
        assertThat(d.path("title").asText()).isEqualTo("[临时公告]并行科技:投资者关系活动记录表");
        assertThat(d.path("documentUrl").asText()).startsWith("https://www.bse.cn/");

        // the last arrival withdrawn: the document goes; a tombstone for an unknown id is fine
        it.send(bse.id(), null);
        it.send("never-existed", null);
        await().atMost(WAIT).until(() -> it.get(filingId) == null);
        await().atMost(WAIT).until(() -> it.committedLag().values().stream().allMatch(l -> l == 0));
        assertThat(it.count()).isZero();
        assertThat(it.deadLetters()).isEmpty();
    }
}
