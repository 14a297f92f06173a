package io.pilu.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.Json;
import io.pilu.sink.es.BulkAction;
import io.pilu.sink.es.IndexTemplate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnrichedDocumentConverterTest {

    private final EnrichedDocumentConverter converter = new EnrichedDocumentConverter();

    @Test
    void irRecordBecomesAFlatSearchableDocumentWithIdAndVersion() throws Exception {
        BulkAction.Arrival action = converter.convert(SinkFixtures.ir("ir-1", 3));

        assertThat(action.id()).isEqualTo("ir-1"); // the filing id, which the fixture sets to its id
        assertThat(action.arrivalId()).isEqualTo("ir-1");
        assertThat(action.version()).isEqualTo(3);
        assertThat(Json.mapper()
                        .readTree(action.arrival())
                        .path("enrichmentVersion")
                        .asInt())
                .isEqualTo(3);
        JsonNode d = Json.mapper().readTree(action.document());
        assertThat(d.path("source").asText()).isEqualTo("bse");
        assertThat(d.path("exchange").asText()).isEqualTo("BSE");
        assertThat(d.path("filingId").asText()).isEqualTo("ir-1");
        assertThat(d.path("companyCode").asText()).isEqualTo("839493");
        assertThat(d.path("companyName").asText()).isEqualTo("并行科技");
        assertThat(d.path("title").asText()).isEqualTo("[临时公告]并行科技:投资者关系活动记录表");
        assertThat(d.path("publishDate").asText()).isEqualTo("2024-06-18");
        assertThat(d.path("text").asText()).contains("智谱华章");
        assertThat(d.path("documentClass").asText()).isEqualTo("IR_ACTIVITY_RECORD");
        assertThat(d.path("enrichmentVersion").asInt()).isEqualTo(3);
        assertThat(texts(d.path("typeCodes"))).containsExactly("9504", "9504-4417");

        JsonNode ir = d.path("ir");
        assertThat(ir.path("date").asText()).isEqualTo("2024-06-17");
        assertThat(texts(ir.path("activityTypes"))).containsExactly("特定对象调研");
        // both the name as written and the canonical one are searchable; the fallback normalisedName is not repeated
        assertThat(texts(ir.path("participants"))).containsExactly("中邮证券", "中邮证券有限责任公司", "地泽投资");
        assertThat(texts(ir.path("participantTypes"))).containsExactly("BROKER", "PRIVATE_FUND");
        assertThat(texts(ir.path("participantPeople"))).containsExactly("王磊");
        assertThat(ir.path("participantCount").asInt()).isEqualTo(2);
        assertThat(ir.path("declaredInstitutionCount").asInt()).isEqualTo(31);
        assertThat(ir.path("declaredPersonCount").asInt()).isEqualTo(34);
        assertThat(texts(ir.path("customers"))).containsExactly("智谱华章", "中科闻歌");
        assertThat(texts(ir.path("partners"))).containsExactly("英伟达");
        assertThat(texts(ir.path("receptionists"))).containsExactly("师健伟");
        assertThat(ir.path("qa").get(0).path("answer").asText()).contains("智谱华章");

        assertThat(texts(d.path("entityNames"))).containsExactly("中邮证券", "中邮证券有限责任公司", "师健伟", "智谱华章");
        assertThat(texts(d.path("entityTypes"))).containsExactly("BROKER", "PERSON", "COMPANY");
        assertThat(d.path("entities").get(2).path("role").asText()).isEqualTo("CUSTOMER");
    }

    @Test
    void figuresKeepTheirNumberAndGetAnAmountInYuanWhenTheUnitIsCurrency() {
        ObjectNode d = converter.document(SinkFixtures.ir("ir-1", 1));
        JsonNode revenue = d.path("figures").get(0);
        assertThat(revenue.path("metric").asText()).isEqualTo("营业收入");
        assertThat(revenue.path("value").decimalValue()).isEqualByComparingTo("1.31");
        assertThat(revenue.path("unit").asText()).isEqualTo("亿元");
        assertThat(revenue.path("period").asText()).isEqualTo("2024-Q1");
        assertThat(revenue.path("amountYuan").decimalValue()).isEqualByComparingTo("131000000");
        JsonNode margin = d.path("figures").get(1);
        assertThat(margin.path("value").decimalValue()).isEqualByComparingTo("32.90");
        assertThat(margin.has("amountYuan")).isFalse();
        assertThat(margin.has("context")).isFalse();
    }

    @Test
    void nonIrRecordHasNoIrSection() {
        ObjectNode d = converter.document(SinkFixtures.periodic("p-1", 1));
        assertThat(d.has("ir")).isFalse();
        assertThat(d.path("documentClass").asText()).isEqualTo("PERIODIC_REPORT");
        assertThat(d.path("entities").size()).isZero();
        assertThat(d.path("figures").get(0).path("amountYuan").decimalValue()).isEqualByComparingTo("560000000");
    }

    @Test
    void failedRawRecordIsStillIndexedWithItsErrorAndWithoutText() {
        ObjectNode d = converter.document(SinkFixtures.failedExtraction("f-1"));
        assertThat(d.path("extraction").asText()).isEqualTo("FAILED");
        assertThat(d.path("extractionError").asText()).isEqualTo("PDF is encrypted");
        assertThat(d.has("text")).isFalse();
        assertThat(d.has("documentSha256")).isFalse();
        assertThat(d.has("documentBytes")).isFalse();
        assertThat(d.path("title").asText()).isEqualTo("[临时公告]某公司:年度报告");
    }

    @Test
    void theArrivalCarriesTheDocumentAndWhatTheDocumentRecordsOfIt() throws Exception {
        EnrichedAnnouncement e = SinkFixtures.ir("ir-2", 1);
        BulkAction.Arrival action = converter.convert(e);
        assertThat(new String(action.document(), StandardCharsets.UTF_8)).contains("\"companyName\":\"并行科技\"");
        assertThat(Json.mapper().readTree(action.document()))
                .isEqualTo(Json.mapper().readTree(Json.write(converter.document(e))));
        assertThat(Json.mapper().readTree(action.arrival()))
                .isEqualTo(Json.mapper()
                        .readTree("{\"id\":\"ir-2\",\"source\":\"bse\",\"title\":\"[临时公告]并行科技:投资者关系活动记录表\","
                                + "\"documentUrl\":\"https://www.bse.cn/disclosure/2024-06-18/ir-2.pdf\","
                                + "\"documentSha256\":\"" + "a".repeat(64) + "\",\"enrichmentVersion\":1}"));
    }

    @Test
    void theTwoArrivalsOfOneFilingAddressOneDocumentEachAsItsOwnArrival() throws Exception {
        BulkAction.Arrival bse = converter.convert(SinkFixtures.bseArrival(2));
        BulkAction.Arrival cninfo = converter.convert(SinkFixtures.cninfoArrival(2));
        assertThat(bse.id()).isEqualTo(cninfo.id()).startsWith("BSE:839493:2024-06-18:");
        assertThat(bse.arrivalId()).isEqualTo("8a2c7f1e0b3d4c5e9f6a7b8c9d0e1f2a");
        assertThat(cninfo.arrivalId()).isEqualTo("cninfo-1220283591");
        assertThat(cninfo.source()).isEqualTo("cninfo");
        assertThat(bse.orderingKeys()).containsExactly(bse.id(), BulkAction.arrivalKey(bse.arrivalId()));
        JsonNode doc = Json.mapper().readTree(cninfo.document());
        assertThat(doc.path("id").asText()).isEqualTo("cninfo-1220283591");
        assertThat(doc.path("source").asText()).isEqualTo("cninfo");
        assertThat(doc.path("filingId").asText()).isEqualTo(bse.id());

        // a tombstone names the raw id, which the merge resolves to the filing holding it
        BulkAction.Withdraw w = converter.delete("cninfo-1220283591".getBytes(StandardCharsets.UTF_8));
        assertThat(w.orderingKeys()).containsExactly(BulkAction.arrivalKey("cninfo-1220283591"));
    }

    @Test
    void everyFieldTheConverterWritesIsInTheStrictMapping() {
        List<String> unmapped = new ArrayList<>();
        JsonNode mapping = IndexTemplate.mappings();
        for (EnrichedAnnouncement e :
                List.of(SinkFixtures.ir("a", 1), SinkFixtures.periodic("b", 1), SinkFixtures.failedExtraction("c"))) {
            ObjectNode d = converter.document(e);
            d.putArray("arrivals").add(converter.arrival(e));
            d.putArray("sources").add(e.announcement().source());
            collectUnmapped(d, mapping, "", unmapped);
        }
        assertThat(unmapped).isEmpty();
    }

    @Test
    void refusesWhatElasticsearchCouldNotStoreUnderExternalVersioning() {
        EnrichedAnnouncement ok = SinkFixtures.ir("x", 1);
        EnrichedAnnouncement versionZero = new EnrichedAnnouncement(
                1,
                "x",
                ok.announcement(),
                ok.documentClass(),
                ok.irActivity(),
                ok.figures(),
                ok.entities(),
                0,
                ok.enrichedAt());
        assertThatThrownBy(() -> converter.convert(versionZero))
                .isInstanceOf(DocumentConversionException.class)
                .hasMessageContaining("enrichmentVersion");

        EnrichedAnnouncement longId = new EnrichedAnnouncement(
                1,
                "智".repeat(171),
                ok.announcement(),
                ok.documentClass(),
                ok.irActivity(),
                ok.figures(),
                ok.entities(),
                1,
                ok.enrichedAt());
        assertThatThrownBy(() -> converter.convert(longId))
                .isInstanceOf(DocumentConversionException.class)
                .hasMessageContaining("512 bytes");
        EnrichedAnnouncement blank = new EnrichedAnnouncement(
                1,
                " ",
                ok.announcement(),
                ok.documentClass(),
                ok.irActivity(),
                ok.figures(),
                ok.entities(),
                1,
                ok.enrichedAt());
        assertThatThrownBy(() -> converter.convert(blank)).isInstanceOf(DocumentConversionException.class);
    }

    @Test
    void aTombstoneWithdrawsTheArrivalItsKeyNamesAndNeedsOne() {
        assertThat(converter.delete("智谱-1".getBytes(StandardCharsets.UTF_8)).id())
                .isEqualTo("智谱-1");
        assertThatThrownBy(() -> converter.delete(null))
                .isInstanceOf(DocumentConversionException.class)
                .hasMessageContaining("without a key");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static void collectUnmapped(JsonNode doc, JsonNode mapping, String prefix, List<String> out) {
        JsonNode props = mapping.path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode fieldMapping = props.get(f.getKey());
            if (fieldMapping == null) {
                out.add(prefix + f.getKey());
                continue;
            }
            JsonNode v = f.getValue();
            if (!fieldMapping.path("enabled").asBoolean(true)) {
                continue; // stored, not indexed: takes any shape
            }
            if (v.isObject()) {
                collectUnmapped(v, fieldMapping, prefix + f.getKey() + ".", out);
            } else if (v.isArray()) {
                for (JsonNode el : v) {
                    if (el.isObject()) {
                        collectUnmapped(el, fieldMapping, prefix + f.getKey() + ".", out);
                    }
                }
            }
        }
    }
}
