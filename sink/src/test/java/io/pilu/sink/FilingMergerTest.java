package io.pilu.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.Json;
import io.pilu.sink.es.BulkAction;
import io.pilu.sink.es.BulkAction.Conditional.Op;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The merge rules of {@link FilingMerger} on the 并行科技 record from both sources, state by state (the I/O around them
 * runs in {@code SinkFilingIT}).
 */
class FilingMergerTest {

    private final EnrichedDocumentConverter converter = new EnrichedDocumentConverter();
    private final FilingMerger merger = new FilingMerger(FilingMerger.NONE);

    private BulkAction.Arrival arrival(EnrichedAnnouncement e) {
        return converter.convert(e);
    }

    private static JsonNode json(byte[] bytes) throws IOException {
        return Json.mapper().readTree(bytes);
    }

    /** The state the document has after {@code write} (a create or index of the whole document). */
    private static FilingMerger.Stored after(BulkAction write, long seqNo) throws IOException {
        JsonNode doc = json(((BulkAction.Conditional) write).body());
        List<JsonNode> arrivals = new ArrayList<>();
        doc.path("arrivals").forEach(arrivals::add);
        return new FilingMerger.Stored(seqNo, 1, doc.path("id").asText(), arrivals);
    }

    private static FilingMerger.Stored afterUpdate(FilingMerger.Stored before, BulkAction update, long seqNo)
            throws IOException {
        JsonNode partial = json(((BulkAction.Conditional) update).body());
        List<JsonNode> arrivals = new ArrayList<>();
        partial.path("arrivals").forEach(arrivals::add);
        return new FilingMerger.Stored(
                seqNo, 1, partial.has("id") ? partial.path("id").asText() : before.shownId(), arrivals);
    }

    private static List<String> ids(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(a -> out.add(a.isObject() ? a.path("id").asText() : a.asText()));
        return out;
    }

    @Test
    void theFirstArrivalCreatesTheDocumentAndTheSecondOnlyAddsItselfWhenItIsNotPrimary() throws IOException {
        BulkAction first = merger.arrive(arrival(SinkFixtures.bseArrival(2)), null);
        assertThat(first)
                .isInstanceOfSatisfying(
                        BulkAction.Conditional.class, c -> assertThat(c.op()).isEqualTo(Op.CREATE));
        JsonNode doc = json(((BulkAction.Conditional) first).body());
        assertThat(ids(doc.path("sources"))).containsExactly("bse");
        assertThat(doc.path("companyCode").asText()).isEqualTo("839493");

        BulkAction second = merger.arrive(arrival(SinkFixtures.cninfoArrival(2)), after(first, 0));
        BulkAction.Conditional c = (BulkAction.Conditional) second;
        assertThat(c.op()).isEqualTo(Op.UPDATE); // bse.cn stays the primary: only the arrivals change
        assertThat(c.ifSeqNo()).isZero();
        JsonNode partial = json(c.body());
        assertThat(partial.properties()).extracting(java.util.Map.Entry::getKey).containsExactly("arrivals", "sources");
        assertThat(ids(partial.path("arrivals")))
                .containsExactly("8a2c7f1e0b3d4c5e9f6a7b8c9d0e1f2a", "cninfo-1220283591");
        assertThat(ids(partial.path("sources"))).containsExactly("bse", "cninfo");
    }

    @Test
    void inTheOtherOrderTheExchangesOwnArrivalTakesOverTheContent() throws IOException {
        BulkAction first = merger.arrive(arrival(SinkFixtures.cninfoArrival(2)), null);
        BulkAction second = merger.arrive(arrival(SinkFixtures.bseArrival(2)), after(first, 0));
        BulkAction.Conditional c = (BulkAction.Conditional) second;
        assertThat(c.op()).isEqualTo(Op.INDEX);
        JsonNode doc = json(c.body());
        assertThat(doc.path("id").asText()).isEqualTo("8a2c7f1e0b3d4c5e9f6a7b8c9d0e1f2a");
        assertThat(doc.path("title").asText()).isEqualTo("[临时公告]并行科技:投资者关系活动记录表");
        assertThat(ids(doc.path("sources"))).containsExactly("bse", "cninfo");
    }

    @Test
    void aNewerEnrichmentWinsFromEitherSourceAndAnOlderOneOfAnArrivalIsSkipped() throws IOException {
        BulkAction first = merger.arrive(arrival(SinkFixtures.bseArrival(2)), null);
        FilingMerger.Stored s = after(first, 0);
        BulkAction newer = merger.arrive(arrival(SinkFixtures.cninfoArrival(3)), s);
        assertThat(((BulkAction.Conditional) newer).op()).isEqualTo(Op.INDEX);
        FilingMerger.Stored s2 = after(newer, 1);
        assertThat(s2.shownId()).isEqualTo("cninfo-1220283591");
        assertThat(merger.arrive(arrival(SinkFixtures.cninfoArrival(1)), s2)).isInstanceOf(BulkAction.Skip.class);
        // a replay of the bse arrival (version 2) is not primary any more: it keeps the newer content
        BulkAction replay = merger.arrive(arrival(SinkFixtures.bseArrival(2)), s2);
        assertThat(((BulkAction.Conditional) replay).op()).isEqualTo(Op.UPDATE);
    }

    @Test
    void withdrawingTheShownArrivalShowsTheOtherAndTheLastOneDeletes() throws IOException {
        FilingMerger.Stored s = after(merger.arrive(arrival(SinkFixtures.bseArrival(2)), null), 0);
        s = afterUpdate(s, merger.arrive(arrival(SinkFixtures.cninfoArrival(2)), s), 1);

        BulkAction w = merger.withdraw("8a2c7f1e0b3d4c5e9f6a7b8c9d0e1f2a", "F", s);
        BulkAction.Conditional c = (BulkAction.Conditional) w;
        assertThat(c.op()).isEqualTo(Op.UPDATE);
        assertThat(c.ifSeqNo()).isEqualTo(1);
        JsonNode partial = json(c.body());
        assertThat(partial.path("id").asText()).isEqualTo("cninfo-1220283591");
        assertThat(partial.path("source").asText()).isEqualTo("cninfo");
        assertThat(partial.path("title").asText()).isEqualTo("投资者关系活动记录表");
        assertThat(partial.path("documentUrl").asText()).startsWith("http://static.cninfo.com.cn/finalpage/");
        assertThat(ids(partial.path("sources"))).containsExactly("cninfo");

        FilingMerger.Stored left = afterUpdate(s, w, 2);
        assertThat(merger.withdraw("8a2c7f1e0b3d4c5e9f6a7b8c9d0e1f2a", "F", left))
                .isInstanceOf(BulkAction.Skip.class); // a repeated tombstone: nothing left to withdraw
        BulkAction last = merger.withdraw("cninfo-1220283591", "F", left);
        assertThat(last).isInstanceOfSatisfying(BulkAction.Conditional.class, d -> {
            assertThat(d.op()).isEqualTo(Op.DELETE);
            assertThat(d.ifSeqNo()).isEqualTo(2);
        });
        // a document that went meanwhile: the raw id itself is deleted (a 404, or a document from before merging)
        assertThat(merger.withdraw("x", "F", null)).isEqualTo(new BulkAction.Delete("x"));
    }

    @Test
    void withdrawingAnArrivalThatIsNotShownKeepsTheContent() throws IOException {
        FilingMerger.Stored s = after(merger.arrive(arrival(SinkFixtures.bseArrival(2)), null), 0);
        s = afterUpdate(s, merger.arrive(arrival(SinkFixtures.cninfoArrival(2)), s), 1);
        JsonNode partial = json(((BulkAction.Conditional) merger.withdraw("cninfo-1220283591", "F", s)).body());
        assertThat(partial.has("id")).isFalse();
        assertThat(ids(partial.path("arrivals"))).containsExactly("8a2c7f1e0b3d4c5e9f6a7b8c9d0e1f2a");
    }

    @Test
    void aNewFilingsCreateIsTheConvertersDocumentWithItsArrivalAppendedByteForByte() throws IOException {
        for (EnrichedAnnouncement e : List.of(SinkFixtures.bseArrival(2), SinkFixtures.cninfoArrival(3))) {
            BulkAction.Arrival a = arrival(e);
            BulkAction.Conditional create = (BulkAction.Conditional) merger.arrive(a, null);

            // what reading the document and adding the two arrays to the tree gives (numbers read exactly: the
            // splice keeps the converter's 131000000.00 where a double would have made it 1.31E8)
            var exact = Json.mapper()
                    .reader()
                    .with(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
            var tree = (com.fasterxml.jackson.databind.node.ObjectNode) exact.readTree(a.document());
            tree.putArray("arrivals").add(exact.readTree(a.arrival()));
            tree.putArray("sources").add(e.announcement().source());
            assertThat(create.op()).isEqualTo(Op.CREATE);
            assertThat(create.id()).isEqualTo(e.filingId());
            JsonNode body = exact.readTree(create.body());
            assertThat(body).isEqualTo(tree);
            assertThat(body.properties())
                    .extracting(java.util.Map.Entry::getKey)
                    .endsWith("ir", "arrivals", "sources");
        }
    }

    @Test
    void unreadArrivalsAreCreatesWithoutAReadAndWithdrawalsAreStillRead() throws Exception {
        List<String> reads = new ArrayList<>();
        FilingMerger reading = new FilingMerger(new FilingMerger.Store() {
            @Override
            public java.util.Map<String, FilingMerger.Stored> get(String index, java.util.Collection<String> ids) {
                reads.addAll(ids);
                return java.util.Map.of();
            }

            @Override
            public java.util.Map<String, String> filingsOf(String index, java.util.Collection<String> arrivalIds) {
                return java.util.Map.of("gone-raw-id", "F-gone");
            }
        });
        BulkAction.Arrival bse = arrival(SinkFixtures.bseArrival(2));

        List<BulkAction> unread = reading.resolve("idx", List.of(bse), false);
        assertThat(reads).isEmpty();
        assertThat(((BulkAction.Conditional) unread.get(0)).op()).isEqualTo(Op.CREATE);

        reading.resolve("idx", List.of(bse, new BulkAction.Withdraw("gone-raw-id")), false);
        assertThat(reads).containsExactly("F-gone");

        reads.clear();
        reading.resolve("idx", List.of(bse), true);
        assertThat(reads).containsExactly(bse.id());
    }

    @Test
    void otherActionsPassUnchanged() throws Exception {
        List<BulkAction> plain = List.of(new BulkAction.Index("a", 1, new byte[1]), new BulkAction.Delete("b"));
        assertThat(merger.resolve("idx", plain)).isSameAs(plain);
    }
}
