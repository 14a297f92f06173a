package io.pilu.sink.es;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilu.model.DocumentClass;
import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.IrActivity;
import io.pilu.model.Json;
import io.pilu.sink.EnrichedDocumentConverter;
import io.pilu.sink.SinkFixtures;
import io.pilu.sink.search.SearchQueryBuilder;
import io.pilu.sink.search.SearchRequest;
import io.pilu.testkit.PiluIntegrationTest;
import io.pilu.testkit.SharedInfra;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The announcements mapping (v4) on the real node: text analysed once with an analyzer that gives the built-in cjk
 * analyzer's tokens (or smartcn's, when chosen), Q&amp;A found (and highlighted) through the text even where the PDF
 * wrapped a word of an answer, a one-character word found wherever the character stands (the .char subfields), the
 * analysis an existing index keeps, and the move of an alias from an older mapping version.
 */
@PiluIntegrationTest
class IndexMappingIT {

    private static RestClient es;

    @BeforeAll
    static void client() {
        es = RestClientFactory.create(ElasticsearchSettings.of(SharedInfra.elasticsearchUrl()));
    }

    @AfterAll
    static void close() throws IOException {
        es.close();
    }

    private static final String TEXT = "北京并行科技股份有限公司投资者关系活动记录表。问：请介绍公司算力采购策略？答：针对采购标的而言，公司算力资源采购"
            + "主要包括设备类采购和资源类采购，GPU服务器 Running 2024年营业收入6.5亿元。";

    @Test
    void piluChineseGivesTheCjkAnalyzersTokensAndJoinsLinesTheDocumentWrapped() throws Exception {
        String alias = SharedInfra.uniqueName("pilu-announcements");
        assertThat(new IndexBootstrapper(es).prepare(alias)).isEqualTo(IndexTemplate.ChineseAnalyzer.CJK);
        assertThat(tokens(alias, "{\"analyzer\":\"pilu_chinese\",\"text\":" + Json.write(TEXT) + "}"))
                .isEqualTo(tokens(alias, "{\"analyzer\":\"cjk\",\"text\":" + Json.write(TEXT) + "}"))
                .contains("算力", "力采", "gpu", "running");
        List<String> wrapped = tokens(alias, "{\"analyzer\":\"pilu_chinese\",\"text\":\"针对采购标 \\n的而言\"}");
        assertThat(wrapped).isEqualTo(tokens(alias, "{\"analyzer\":\"cjk\",\"text\":\"针对采购标的而言\"}"));
        // a line break between Latin words or digits stays a break
        assertThat(tokens(alias, "{\"analyzer\":\"pilu_chinese\",\"text\":\"GPU\\nserver 2024\\n2025\"}"))
                .containsExactly("gpu", "server", "2024", "2025");
    }

    @Test
    void smartcnWhenChosenGivesSmartcnsTokensAndAnExistingIndexKeepsItsAnalysis() throws Exception {
        String alias = SharedInfra.uniqueName("pilu-announcements");
        IndexBootstrapper bootstrapper = new IndexBootstrapper(es);
        assertThat(bootstrapper.prepare(
                        IndexTemplate.RESOURCE, alias, Duration.ofSeconds(1), IndexTemplate.ChineseAnalyzer.SMARTCN))
                .isEqualTo(IndexTemplate.ChineseAnalyzer.SMARTCN);
        assertThat(tokens(alias, "{\"analyzer\":\"pilu_chinese\",\"text\":" + Json.write(TEXT) + "}"))
                .isEqualTo(tokens(alias, "{\"analyzer\":\"smartcn\",\"text\":" + Json.write(TEXT) + "}"));
        // a sink restarted with the default: the index keeps smartcn, and says so
        assertThat(bootstrapper.prepare(alias)).isEqualTo(IndexTemplate.ChineseAnalyzer.SMARTCN);
        assertThat(bootstrapper.analyzerOf(alias + "-v4")).isEqualTo(IndexTemplate.ChineseAnalyzer.SMARTCN);
    }

    @Test
    void qaSearchFindsAnAnswerThroughTheTextAndHighlightsIt() throws Exception {
        String alias = SharedInfra.uniqueName("pilu-announcements");
        new IndexBootstrapper(es).prepare(alias);
        // the PDF wrapped the answer inside a word (标的 → 标 / 的); enrich re-flowed the pair
        String text = "北京并行科技股份有限公司\n投资者关系活动记录表\n问题1、请介绍公司算力采购策略？\n" + "回答：针对采购标\n的而言，公司算力资源采购主要包括设备类采购和资源类采购。\n";
        EnrichedAnnouncement qa = withQa(
                SinkFixtures.ir("qa-1", 1),
                text,
                new IrActivity.QaPair("请介绍公司算力采购策略？", "针对采购标的而言，公司算力资源采购主要包括设备类采购和资源类采购。"));
        index(alias, qa);
        index(alias, SinkFixtures.periodic("p-1", 1));

        JsonNode hits = search(alias, "采购标的");
        assertThat(hits.at("/hits/total/value").asInt()).isEqualTo(1);
        assertThat(hits.at("/hits/hits/0/_id").asText()).isEqualTo(qa.filingId());
        assertThat(hits.at("/hits/hits/0/highlight/text/0").asText())
                .contains("【采购标")
                .contains("的】");
        // the phrase of a question, and words of an answer only
        assertThat(search(alias, "算力采购策略").at("/hits/total/value").asInt()).isEqualTo(1);
        assertThat(search(alias, "设备类采购").at("/hits/total/value").asInt()).isEqualTo(1);
        // the pairs stay in the stored document, whole, for the announcement page
        Request get = new Request("GET", "/" + alias + "/_doc/" + qa.filingId());
        JsonNode doc = Json.mapper().readTree(es.performRequest(get).getEntity().getContent());
        assertThat(doc.at("/_source/ir/qa/0/answer").asText()).isEqualTo("针对采购标的而言，公司算力资源采购主要包括设备类采购和资源类采购。");
        // and are not indexed on their own: a query on the field finds nothing
        JsonNode direct = rawSearch(alias, "{\"query\":{\"match\":{\"ir.qa.answer\":\"采购\"}}}");
        assertThat(direct.at("/hits/total/value").asInt()).isZero();
    }

    @Test
    void anAliasOnTheOlderMappingMovesToTheNewIndexWithItsDocumentsAndVersions() throws Exception {
        String alias = SharedInfra.uniqueName("pilu-announcements");
        String v1 = alias + "-v1";
        // as the v1 sink left it: the index, its write alias, a document at external version 3
        put("/" + v1, "{\"aliases\":{\"" + alias + "\":{\"is_write_index\":true}}}");
        Request doc = new Request("PUT", "/" + alias + "/_doc/ir-1");
        doc.addParameter("version", "3");
        doc.addParameter("version_type", "external_gte");
        doc.addParameter("refresh", "true");
        doc.setEntity(new StringEntity(
                Json.write(new EnrichedDocumentConverter().document(SinkFixtures.ir("ir-1", 3))),
                ContentType.APPLICATION_JSON));
        es.performRequest(doc);

        // two sinks starting at the same moment: both end on -v4, nothing lost
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<IndexTemplate.ChineseAnalyzer>> starts = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Callable<IndexTemplate.ChineseAnalyzer> start = () -> new IndexBootstrapper(es)
                        .prepare(IndexTemplate.RESOURCE, alias, Duration.ofMillis(500), IndexTemplate.DEFAULT_ANALYZER);
                starts.add(pool.submit(start));
            }
            for (Future<IndexTemplate.ChineseAnalyzer> f : starts) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        JsonNode aliases = Json.mapper()
                .readTree(es.performRequest(new Request("GET", "/_alias/" + alias))
                        .getEntity()
                        .getContent());
        assertThat(aliases.properties().stream().map(java.util.Map.Entry::getKey))
                .containsExactly(alias + "-v4");
        assertThat(aliases.at("/" + alias + "-v4/aliases/" + alias + "/is_write_index")
                        .asBoolean())
                .isTrue();
        JsonNode copied = Json.mapper()
                .readTree(es.performRequest(new Request("GET", "/" + alias + "/_doc/ir-1"))
                        .getEntity()
                        .getContent());
        assertThat(copied.path("_index").asText()).isEqualTo(alias + "-v4");
        assertThat(copied.path("_version").asLong()).isEqualTo(3);
        JsonNode settings = Json.mapper()
                .readTree(es.performRequest(new Request("GET", "/" + alias + "-v4/_settings"))
                        .getEntity()
                        .getContent());
        assertThat(settings.at("/" + alias + "-v4/settings/index/refresh_interval")
                        .asText())
                .isEqualTo("500ms");
        // the old index stays for the operator to delete
        assertThat(es.performRequest(new Request("HEAD", "/" + v1))
                        .getStatusLine()
                        .getStatusCode())
                .isEqualTo(200);
    }

    @Test
    void aOneCharacterWordFindsEveryDocumentContainingItAndIsHighlighted() throws Exception {
        String alias = SharedInfra.uniqueName("pilu-announcements");
        new IndexBootstrapper(es).prepare(alias);
        assertThat(tokens(alias, "{\"analyzer\":\"pilu_han_chars\",\"text\":\"碳酸锂 GPU 2024年，铜箔\"}"))
                .containsExactly("碳", "酸", "锂", "年", "铜", "箔");
        EnrichedAnnouncement lithium = plain("li-1", "[临时公告]某公司:关于碳酸锂采购的公告", "公司本期采购碳酸锂3000吨，主要用于正极材料。");
        EnrichedAnnouncement copper = plain("cu-1", "[临时公告]某公司:关于铜箔产线的公告", "公司铜箔产线投产，芯片封装材料订单增长。");
        index(alias, lithium);
        index(alias, copper);
        index(alias, SinkFixtures.periodic("p-1", 1));

        JsonNode li = search(alias, "锂");
        assertThat(li.at("/hits/total/value").asInt()).isEqualTo(1);
        assertThat(li.at("/hits/hits/0/_id").asText()).isEqualTo(lithium.filingId());
        assertThat(li.at("/hits/hits/0/highlight/title/0").asText()).contains("碳酸【锂】采购");
        assertThat(li.at("/hits/hits/0/highlight/text/0").asText()).contains("碳酸【锂】3000");
        // the web app's markers (private-use characters) land the same way
        SearchRequest.HighlightStyle web = SearchRequest.HighlightStyle.PRIVATE_USE;
        JsonNode marked = rawSearch(
                alias,
                Json.write(SearchQueryBuilder.build(new SearchRequest("锂", null, null, null, null, null, 10, web))));
        assertThat(marked.at("/hits/hits/0/highlight/text/0").asText())
                .contains("碳酸" + web.pre() + "锂" + web.post() + "3000");
        JsonNode chip = search(alias, "芯");
        assertThat(chip.at("/hits/total/value").asInt()).isEqualTo(1);
        assertThat(chip.at("/hits/hits/0/highlight/text/0").asText()).contains("【芯】片");
        // 公 is in every document; with another word, each must occur
        assertThat(search(alias, "公").at("/hits/total/value").asInt()).isEqualTo(3);
        assertThat(search(alias, "铜 订单").at("/hits/hits/0/_id").asText()).isEqualTo(copper.filingId());
        assertThat(search(alias, "铜 订单").at("/hits/total/value").asInt()).isEqualTo(1);
        assertThat(search(alias, "锂 订单").at("/hits/total/value").asInt()).isZero();
        // two characters keep the bigram query
        assertThat(search(alias, "铜箔").at("/hits/total/value").asInt()).isEqualTo(1);
        assertThat(search(alias, "锂铜").at("/hits/total/value").asInt()).isZero();
    }

    @Test
    void anAliasOnMappingV3MovesToV4AndItsDocumentsBecomeFindableByOneCharacter() throws Exception {
        String alias = SharedInfra.uniqueName("pilu-announcements");
        String v3 = alias + "-v3";
        // as the v3 sink created it: the cjk analysis, the mapping without the .char subfields
        ObjectNode template = IndexTemplate.render(
                IndexTemplate.RESOURCE, alias, IndexTemplate.ChineseAnalyzer.CJK, Duration.ofSeconds(1));
        ObjectNode body = (ObjectNode) template.path("template").deepCopy();
        ObjectNode analysis = (ObjectNode) body.at("/settings/analysis");
        ((ObjectNode) analysis.path("analyzer")).remove("pilu_han_chars");
        ((ObjectNode) analysis.path("filter")).remove("pilu_keep_han");
        ObjectNode properties = (ObjectNode) body.at("/mappings/properties");
        for (String field : new String[] {"title", "companyName", "text"}) {
            ((ObjectNode) properties.path(field).path("fields")).remove("char");
        }
        ((ObjectNode) body.at("/mappings/_meta")).put("mappingVersion", 3);
        body.putObject("aliases").putObject(alias).put("is_write_index", true);
        put("/" + v3, Json.write(body));
        EnrichedAnnouncement lithium = plain("li-1", "[临时公告]某公司:关于碳酸锂采购的公告", "公司本期采购碳酸锂3000吨。");
        Request doc = new Request("PUT", "/" + alias + "/_doc/" + lithium.filingId());
        doc.addParameter("version", "5");
        doc.addParameter("version_type", "external_gte");
        doc.addParameter("refresh", "true");
        doc.setEntity(new StringEntity(
                Json.write(new EnrichedDocumentConverter().document(lithium)), ContentType.APPLICATION_JSON));
        es.performRequest(doc);
        // on v3 a lone character finds only where it stands alone
        assertThat(search(alias, "锂").at("/hits/total/value").asInt()).isZero();
        assertThat(search(alias, "碳酸锂").at("/hits/total/value").asInt()).isEqualTo(1);

        assertThat(new IndexBootstrapper(es).prepare(alias)).isEqualTo(IndexTemplate.ChineseAnalyzer.CJK);
        JsonNode aliases = Json.mapper()
                .readTree(es.performRequest(new Request("GET", "/_alias/" + alias))
                        .getEntity()
                        .getContent());
        assertThat(aliases.properties().stream().map(java.util.Map.Entry::getKey))
                .containsExactly(alias + "-v4");
        JsonNode li = search(alias, "锂");
        assertThat(li.at("/hits/total/value").asInt()).isEqualTo(1);
        assertThat(li.at("/hits/hits/0/_index").asText()).isEqualTo(alias + "-v4");
        assertThat(li.at("/hits/hits/0/highlight/text/0").asText()).contains("碳酸【锂】3000");
        assertThat(search(alias, "碳酸锂").at("/hits/total/value").asInt()).isEqualTo(1);
        JsonNode copied = Json.mapper()
                .readTree(es.performRequest(new Request("GET", "/" + alias + "/_doc/" + lithium.filingId()))
                        .getEntity()
                        .getContent());
        assertThat(copied.path("_version").asLong()).isEqualTo(5);
        // the v3 index stays for the operator to delete
        assertThat(es.performRequest(new Request("HEAD", "/" + v3))
                        .getStatusLine()
                        .getStatusCode())
                .isEqualTo(200);
    }

    @Test
    void anAliasOnANewerMappingIsRefused() throws Exception {
        String alias = SharedInfra.uniqueName("pilu-announcements");
        put("/" + alias + "-v9", "{\"aliases\":{\"" + alias + "\":{\"is_write_index\":true}}}");
        assertThatThrownBy(() -> new IndexBootstrapper(es).prepare(alias))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(alias + "-v9")
                .hasMessageContaining("run the newer sink");
    }

    private static EnrichedAnnouncement withQa(EnrichedAnnouncement e, String text, IrActivity.QaPair pair) {
        var a = e.announcement();
        var raw =
                SinkFixtures.raw(e.id(), a.companyCode(), a.companyName(), a.title(), text, LocalDate.of(2024, 6, 18));
        IrActivity ir = e.irActivity();
        return new EnrichedAnnouncement(
                e.schemaVersion(),
                e.id(),
                raw,
                e.documentClass(),
                new IrActivity(
                        ir.layout(),
                        ir.activityTypes(),
                        ir.activityTypeOther(),
                        ir.date(),
                        ir.location(),
                        ir.participants(),
                        ir.declaredInstitutionCount(),
                        ir.declaredPersonCount(),
                        ir.receptionists(),
                        List.of(pair),
                        ir.customers(),
                        ir.partners()),
                e.figures(),
                e.entities(),
                e.enrichmentVersion(),
                e.enrichedAt());
    }

    /** A plain announcement with this title and text. */
    private static EnrichedAnnouncement plain(String id, String title, String text) {
        return new EnrichedAnnouncement(
                EnrichedAnnouncement.SCHEMA_VERSION,
                id,
                id,
                SinkFixtures.raw(id, "920007", "某公司", title, text, LocalDate.of(2024, 4, 1)),
                DocumentClass.OTHER,
                null,
                List.of(),
                List.of(),
                1,
                java.time.Instant.parse("2024-04-01T08:00:05Z"));
    }

    private static void index(String alias, EnrichedAnnouncement e) throws IOException {
        // the primary arrival's document as the sink stores it (without the arrivals FilingMerger adds)
        BulkAction.Arrival action = new EnrichedDocumentConverter().convert(e);
        Request r = new Request("PUT", "/" + alias + "/_doc/" + action.id());
        r.addParameter("refresh", "true");
        r.setEntity(new org.apache.http.entity.ByteArrayEntity(action.document(), ContentType.APPLICATION_JSON));
        es.performRequest(r);
    }

    /** What {@code pilu search QUERY} sends. */
    private static JsonNode search(String alias, String query) throws IOException {
        return rawSearch(
                alias,
                Json.write(SearchQueryBuilder.build(new SearchRequest(
                        query, null, null, null, null, null, 10, SearchRequest.HighlightStyle.BRACKETS))));
    }

    private static JsonNode rawSearch(String alias, String body) throws IOException {
        Request r = new Request("POST", "/" + alias + "/_search");
        r.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        return Json.mapper().readTree(es.performRequest(r).getEntity().getContent());
    }

    private static List<String> tokens(String index, String body) throws IOException {
        Request r = new Request("POST", "/" + index + "/_analyze");
        r.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        JsonNode answer =
                Json.mapper().readTree(es.performRequest(r).getEntity().getContent());
        List<String> out = new ArrayList<>();
        answer.path("tokens").forEach(t -> out.add(t.path("token").asText()));
        return out;
    }

    private static void put(String path, String body) throws IOException {
        Request r = new Request("PUT", path);
        r.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        es.performRequest(r);
    }
}
