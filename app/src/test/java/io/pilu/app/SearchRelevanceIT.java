package io.pilu.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilu.enrich.extract.AnnouncementEnricher;
import io.pilu.ingest.document.DocumentExtractionException;
import io.pilu.ingest.document.DocumentTextExtractor;
import io.pilu.ingest.document.ExtractedText;
import io.pilu.ingest.simulator.SampleSet;
import io.pilu.ingest.simulator.cninfo.CninfoSampleSet;
import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.Json;
import io.pilu.model.RawAnnouncement;
import io.pilu.sink.EnrichedDocumentConverter;
import io.pilu.sink.es.BulkAction;
import io.pilu.sink.es.BulkRequestBody;
import io.pilu.sink.es.ElasticsearchSettings;
import io.pilu.sink.es.IndexBootstrapper;
import io.pilu.sink.es.IndexTemplate;
import io.pilu.sink.es.IndexTemplate.ChineseAnalyzer;
import io.pilu.sink.es.RestClientFactory;
import io.pilu.sink.search.SearchQueryBuilder;
import io.pilu.sink.search.SearchRequest;
import io.pilu.testkit.PiluIntegrationTest;
import io.pilu.testkit.SharedInfra;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which Chinese analysis finds what an analyst types. The bundled bse.cn and cninfo samples go through extraction,
 * enrichment and the sink's converter into one index per analysis; {@code pilu search}'s own query
 * ({@link SearchQueryBuilder}) runs for names and terms analysts search for, and for random two- to four-character
 * stretches of the indexed text. A document is relevant when its title, company name or text contains the query
 * (Chinese has no spaces: the string typed is the expectation). The figures are printed; the default analysis must
 * find (nearly) every relevant document and (nearly) nothing else, and find more of them than smartcn does, which is
 * why it is the default. Single Chinese characters, alone or beside a word, are measured apart, against the bigram
 * fields alone (the query before mapping v4) and through the {@code .char} subfields.
 */
@PiluIntegrationTest
class SearchRelevanceIT {

    /** Institutions, customers, people, terms of the trade: what the search box gets. */
    private static final List<String> NAMED = List.of(
            "中邮证券", "地泽投资", "智谱华章", "中科闻歌", "董事会秘书", "毛利率", "毛利", "营业收入", "并行科技", "算力", "超算", "人工智能", "大模型", "投资者关系",
            "调研", "证券", "基金", "客户", "研发", "募集资金", "股东大会", "董事会", "现场参观", "业绩说明会", "特定对象调研", "华章", "智谱", "净利润", "同比增长",
            "收入", "云计算", "服务器", "数据中心", "北京", "上海", "深圳");

    /** Single characters analysts type on their own: lithium, copper, chips (those the samples contain count). */
    private static final List<String> ONE_CHARACTER_NAMED = List.of("锂", "铜", "芯", "电", "股", "算");

    private static RestClient es;
    private static List<Doc> corpus;
    private static final Map<ChineseAnalyzer, String> ALIASES = new EnumMap<>(ChineseAnalyzer.class);

    /** A document as indexed, and the text its relevance is judged on. */
    private record Doc(String id, String searchable) {}

    @BeforeAll
    static void indexTheSamplesOncePerAnalysis() throws Exception {
        es = RestClientFactory.create(ElasticsearchSettings.of(SharedInfra.elasticsearchUrl()));
        List<EnrichedAnnouncement> enriched = enrichedSamples();
        EnrichedDocumentConverter converter = new EnrichedDocumentConverter();
        List<BulkAction> actions = new ArrayList<>();
        corpus = new ArrayList<>();
        for (EnrichedAnnouncement e : enriched) {
            BulkAction.Arrival a = converter.convert(e);
            actions.add(new BulkAction.Index(a.id(), a.version(), a.document()));
            JsonNode doc = Json.mapper().readTree(a.document());
            corpus.add(new Doc(
                    a.id(),
                    joined(doc.path("title").asText("") + "\n"
                            + doc.path("companyName").asText("") + "\n"
                            + doc.path("text").asText(""))));
        }
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(15);
        for (ChineseAnalyzer analyzer : ChineseAnalyzer.values()) {
            String alias = SharedInfra.uniqueName("relevance-" + analyzer.configName());
            new IndexBootstrapper(es).prepare(IndexTemplate.RESOURCE, alias, Duration.ofSeconds(1), analyzer);
            Request bulk = new Request("POST", "/" + alias + "/_bulk");
            bulk.addParameter("refresh", "true");
            bulk.setEntity(
                    new ByteArrayEntity(BulkRequestBody.of(actions), ContentType.create("application/x-ndjson")));
            JsonNode response =
                    Json.mapper().readTree(es.performRequest(bulk).getEntity().getContent());
            assertThat(response.path("errors").asBoolean())
                    .as(response.toString())
                    .isFalse();
            ALIASES.put(analyzer, alias);
        }
    }

    @AfterAll
    static void close() throws IOException {
        es.close();
    }

    @Test
    void theDefaultAnalysisFindsWhatIsTypedAndFindsMoreOfItThanSmartcn() throws Exception {
        List<String> queries = queries();
        Map<ChineseAnalyzer, Score> scores = new EnumMap<>(ChineseAnalyzer.class);
        for (ChineseAnalyzer analyzer : ChineseAnalyzer.values()) {
            Score score = new Score();
            for (String q : queries) {
                Set<String> hits = search(ALIASES.get(analyzer), q);
                Set<String> relevant = new HashSet<>();
                corpus.stream().filter(d -> d.searchable().contains(q)).forEach(d -> relevant.add(d.id()));
                score.add(q, NAMED.contains(q), hits, relevant);
            }
            scores.put(analyzer, score);
        }
        System.out.printf(
                Locale.ROOT,
                "search relevance over %d documents, %d queries (%d named)%n",
                corpus.size(),
                queries.size(),
                NAMED.size());
        scores.forEach((analyzer, s) -> System.out.printf(
                Locale.ROOT,
                "  %-8s all: precision %.3f recall %.3f (tp %d, fp %d, fn %d)   named: precision %.3f recall %.3f%s%n",
                analyzer.configName(),
                s.all.precision(),
                s.all.recall(),
                s.all.tp,
                s.all.fp,
                s.all.fn,
                s.named.precision(),
                s.named.recall(),
                s.namedMisses.isEmpty() ? "" : "   named misses: " + s.namedMisses));

        Score chosen = scores.get(IndexTemplate.DEFAULT_ANALYZER);
        assertThat(chosen.all.recall()).isGreaterThanOrEqualTo(0.99);
        assertThat(chosen.all.precision()).isGreaterThanOrEqualTo(0.95);
        assertThat(chosen.named.recall()).isEqualTo(1.0);
        assertThat(chosen.all.recall())
                .isGreaterThan(scores.get(ChineseAnalyzer.SMARTCN).all.recall());
    }

    @Test
    void bigramsFindAWordInsideALongerOneWhereSmartcnsSegmentationHidesIt() throws Exception {
        // 毛利 inside 毛利率: one smartcn word, so a search for 毛利 misses the documents that only say 毛利率
        Set<String> relevant = new LinkedHashSet<>();
        corpus.stream().filter(d -> d.searchable().contains("毛利")).forEach(d -> relevant.add(d.id()));
        assertThat(relevant).isNotEmpty();
        assertThat(search(ALIASES.get(ChineseAnalyzer.CJK), "毛利")).containsExactlyInAnyOrderElementsOf(relevant);
        assertThat(search(ALIASES.get(ChineseAnalyzer.SMARTCN), "毛利")).hasSizeLessThan(relevant.size());
    }

    @Test
    void wordsSeparatedBySpacesMustEachOccurButNotTogether() throws Exception {
        String alias = ALIASES.get(IndexTemplate.DEFAULT_ANALYZER);
        Set<String> both = new HashSet<>();
        corpus.stream()
                .filter(d -> d.searchable().contains("毛利率") && d.searchable().contains("客户"))
                .forEach(d -> both.add(d.id()));
        assertThat(both).isNotEmpty();
        assertThat(search(alias, "毛利率 客户")).containsExactlyInAnyOrderElementsOf(both);
        // unspaced, the same words are one string that no document contains
        assertThat(corpus).noneMatch(d -> d.searchable().contains("毛利率客户"));
        assertThat(search(alias, "毛利率客户")).isEmpty();
    }

    @Test
    void aOneCharacterWordFindsEveryDocumentContainingIt() throws Exception {
        List<String> named = ONE_CHARACTER_NAMED.stream()
                .filter(c -> corpus.stream().anyMatch(d -> d.searchable().contains(c)))
                .toList();
        List<String> singles = oneCharacterQueries(named);
        List<String> mixed = mixedQueries();
        System.out.printf(
                Locale.ROOT,
                "one-character search over %d documents: %d single characters (named, those present: %s of %s), %d queries of"
                        + " one character and a two- to three-character word%n",
                corpus.size(),
                singles.size(),
                named,
                ONE_CHARACTER_NAMED,
                mixed.size());
        for (ChineseAnalyzer analyzer : ChineseAnalyzer.values()) {
            String alias = ALIASES.get(analyzer);
            Counts before = new Counts();
            Counts after = new Counts();
            Counts namedAfter = new Counts();
            Counts mixedBefore = new Counts();
            Counts mixedAfter = new Counts();
            for (String q : singles) {
                Set<String> relevant = relevant(q);
                before.add(bigramsOnly(alias, q), relevant);
                Set<String> hits = search(alias, q);
                after.add(hits, relevant);
                if (named.contains(q)) {
                    namedAfter.add(hits, relevant);
                }
            }
            for (String q : mixed) {
                Set<String> relevant = relevant(q);
                mixedBefore.add(bigramsOnly(alias, q), relevant);
                mixedAfter.add(search(alias, q), relevant);
            }
            System.out.printf(
                    Locale.ROOT,
                    "  %-8s single: before precision %.3f recall %.3f (tp %d, fp %d, fn %d), after precision %.3f recall"
                            + " %.3f (tp %d, fp %d, fn %d); named after %.3f / %.3f%n"
                            + "  %-8s mixed:  before precision %.3f recall %.3f, after precision %.3f recall %.3f%n",
                    analyzer.configName(),
                    before.precision(),
                    before.recall(),
                    before.tp,
                    before.fp,
                    before.fn,
                    after.precision(),
                    after.recall(),
                    after.tp,
                    after.fp,
                    after.fn,
                    namedAfter.precision(),
                    namedAfter.recall(),
                    "",
                    mixedBefore.precision(),
                    mixedBefore.recall(),
                    mixedAfter.precision(),
                    mixedAfter.recall());
            // the .char subfields hold exactly the Chinese characters of title, company name and text
            assertThat(after.recall()).as(analyzer.configName()).isEqualTo(1.0);
            assertThat(after.precision()).as(analyzer.configName()).isEqualTo(1.0);
            assertThat(after.recall()).isGreaterThan(before.recall());
            if (analyzer == IndexTemplate.DEFAULT_ANALYZER) {
                // the other word keeps the bigram query: smartcn's segmentation still misses it (its recall above)
                assertThat(mixedAfter.recall()).isGreaterThanOrEqualTo(0.99);
                assertThat(mixedAfter.precision()).isGreaterThanOrEqualTo(0.95);
                assertThat(mixedAfter.recall()).isGreaterThan(mixedBefore.recall());
            }
        }
        assertThat(named).as("锂, 铜 or 芯 in the samples").isNotEmpty();
    }

    @Test
    void whatTheCharacterSubfieldsCostOnDiskForTheSamples() throws Exception {
        String index = IndexTemplate.indexName(IndexTemplate.RESOURCE, ALIASES.get(IndexTemplate.DEFAULT_ANALYZER));
        Request merge = new Request("POST", "/" + index + "/_forcemerge");
        merge.addParameter("max_num_segments", "1");
        es.performRequest(merge);
        Request usage = new Request("POST", "/" + index + "/_disk_usage");
        usage.addParameter("run_expensive_tasks", "true");
        JsonNode fields = Json.mapper()
                .readTree(es.performRequest(usage).getEntity().getContent())
                .path(index)
                .path("fields");
        long total = 0;
        StringBuilder line = new StringBuilder();
        for (var e : fields.properties()) {
            total += e.getValue().path("total_in_bytes").asLong();
        }
        for (String f : List.of("title", "title.char", "companyName.text", "companyName.char", "text", "text.char")) {
            long inverted =
                    fields.path(f).path("inverted_index").path("total_in_bytes").asLong();
            line.append(String.format(Locale.ROOT, " %s %,d;", f, inverted));
        }
        long chars = fields.path("text.char").path("total_in_bytes").asLong()
                + fields.path("title.char").path("total_in_bytes").asLong()
                + fields.path("companyName.char").path("total_in_bytes").asLong();
        System.out.printf(
                Locale.ROOT,
                "disk usage of %s (one segment, %d documents): all fields %,d bytes, the .char subfields %,d (%.1f %%);"
                        + " inverted index bytes:%s%n",
                IndexTemplate.DEFAULT_ANALYZER_NAME,
                corpus.size(),
                total,
                chars,
                100.0 * chars / total,
                line);
        assertThat(fields.path("text.char").path("total_in_bytes").asLong()).isPositive();
    }

    /** The named queries, then random stretches of two to four Chinese characters of the corpus (seeded). */
    private static List<String> queries() {
        List<String> queries = new ArrayList<>(NAMED);
        String all = String.join("\n", corpus.stream().map(Doc::searchable).toList());
        Random random = new Random(7);
        Set<String> seen = new HashSet<>(queries);
        while (queries.size() < NAMED.size() + 300) {
            int length = 2 + random.nextInt(3);
            int at = random.nextInt(all.length() - length);
            String q = all.substring(at, at + length);
            if (q.codePoints().allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)
                    && seen.add(q)) {
                queries.add(q);
            }
        }
        return queries;
    }

    /** The named characters present, then distinct random Chinese characters of the corpus (seeded): 200 in all. */
    private static List<String> oneCharacterQueries(List<String> named) {
        List<String> queries = new ArrayList<>(named);
        String all = String.join("\n", corpus.stream().map(Doc::searchable).toList());
        Random random = new Random(11);
        Set<String> seen = new HashSet<>(queries);
        while (queries.size() < 200) {
            int at = all.offsetByCodePoints(0, random.nextInt(all.codePointCount(0, all.length())));
            String q = new String(Character.toChars(all.codePointAt(at)));
            if (Character.UnicodeScript.of(q.codePointAt(0)) == Character.UnicodeScript.HAN && seen.add(q)) {
                queries.add(q);
            }
        }
        return queries;
    }

    /** 100 queries "c word": a random Chinese character and a random two- to three-character stretch (seeded). */
    private static List<String> mixedQueries() {
        String all = String.join("\n", corpus.stream().map(Doc::searchable).toList());
        Random random = new Random(13);
        Set<String> queries = new LinkedHashSet<>();
        while (queries.size() < 100) {
            int length = 2 + random.nextInt(2);
            int at = random.nextInt(all.length() - length);
            String word = all.substring(at, at + length);
            String c = all.substring(random.nextInt(all.length() - 1)).substring(0, 1);
            if ((c + word).codePoints().allMatch(x -> Character.UnicodeScript.of(x) == Character.UnicodeScript.HAN)) {
                queries.add(c + " " + word);
            }
        }
        return new ArrayList<>(queries);
    }

    /** The documents whose title, company name or text contains every word of {@code q}. */
    private static Set<String> relevant(String q) {
        String[] words = q.split(" ");
        Set<String> relevant = new HashSet<>();
        corpus.stream()
                .filter(d -> java.util.Arrays.stream(words)
                        .allMatch(w -> d.searchable().contains(w)))
                .forEach(d -> relevant.add(d.id()));
        return relevant;
    }

    /**
     * The hits of the query before mapping v4: {@code operator: and} over the bigram fields only, the must clause
     * {@link SearchQueryBuilder} sent for every query (the should clauses only rank).
     */
    private static Set<String> bigramsOnly(String alias, String q) throws IOException {
        Request r = new Request("POST", "/" + alias + "/_search");
        r.setEntity(new StringEntity(
                "{\"size\":100,\"query\":{\"multi_match\":{\"query\":" + Json.write(q)
                        + ",\"fields\":[\"title^3\",\"companyName.text^2\",\"text\"],\"type\":\"best_fields\","
                        + "\"operator\":\"and\"}}}",
                ContentType.APPLICATION_JSON));
        JsonNode hits = Json.mapper().readTree(es.performRequest(r).getEntity().getContent());
        Set<String> ids = new HashSet<>();
        hits.at("/hits/hits").forEach(h -> ids.add(h.path("_id").asText()));
        return ids;
    }

    private static Set<String> search(String alias, String q) throws IOException {
        Request r = new Request("POST", "/" + alias + "/_search");
        r.setEntity(new StringEntity(
                Json.write(SearchQueryBuilder.build(new SearchRequest(
                        q, null, null, null, null, null, 100, SearchRequest.HighlightStyle.BRACKETS))),
                ContentType.APPLICATION_JSON));
        JsonNode hits = Json.mapper().readTree(es.performRequest(r).getEntity().getContent());
        Set<String> ids = new HashSet<>();
        hits.at("/hits/hits").forEach(h -> ids.add(h.path("_id").asText()));
        return ids;
    }

    /** As the index's char filter and the extraction leave it: a line wrapped between Chinese characters joined. */
    private static String joined(String s) {
        return s.replaceAll("(?<=\\p{IsHan})[ \\t\\u3000]*\\r?\\n\\s*(?=\\p{IsHan})", "");
    }

    private static List<EnrichedAnnouncement> enrichedSamples() throws IOException {
        DocumentTextExtractor extractor = new DocumentTextExtractor();
        AnnouncementEnricher enricher = new AnnouncementEnricher();
        Instant at = Instant.parse("2024-07-01T00:00:00Z");
        Map<String, RawAnnouncement> raws = new LinkedHashMap<>();
        for (SampleSet.Sample s : SampleSet.bundled().samples()) {
            var l = s.listing();
            String text = text(extractor, s.content(), l.fileExt());
            if (text != null) {
                raws.put(
                        s.id(),
                        raw(
                                s.id(),
                                "bse",
                                "BSE",
                                l.companyCd(),
                                l.companyName(),
                                l.disclosureTitle(),
                                l.publishDate(),
                                l.fileExt(),
                                text));
            }
        }
        for (CninfoSampleSet.Sample s : CninfoSampleSet.bundled().samples()) {
            var a = s.announcement();
            String fileType = a.adjunctType() == null ? "pdf" : a.adjunctType().toLowerCase(Locale.ROOT);
            String text = text(extractor, s.content(), fileType);
            if (text != null) {
                LocalDate date = Instant.ofEpochMilli(a.announcementTime())
                        .atZone(ZoneId.of("Asia/Shanghai"))
                        .toLocalDate();
                String id = "cninfo-" + a.announcementId();
                raws.put(
                        id, raw(id, "cninfo", a.exchange(), a.secCode(), a.secName(), a.title(), date, fileType, text));
            }
        }
        List<EnrichedAnnouncement> out = new ArrayList<>();
        raws.values().forEach(r -> out.add(enricher.enrich(r, at)));
        return out;
    }

    /** The sample's text, or null for the samples that exist to fail (a corrupt PDF, a .docx). */
    private static String text(DocumentTextExtractor extractor, byte[] content, String fileType) throws IOException {
        if (!DocumentTextExtractor.supports(fileType)) {
            return null;
        }
        try {
            ExtractedText t = extractor.extract(new ByteArrayInputStream(content), fileType);
            return t.text().isBlank() ? null : t.text();
        } catch (DocumentExtractionException e) {
            return null;
        }
    }

    private static RawAnnouncement raw(
            String id,
            String source,
            String exchange,
            String code,
            String company,
            String title,
            LocalDate date,
            String fileType,
            String text) {
        return new RawAnnouncement(
                RawAnnouncement.SCHEMA_VERSION,
                id,
                source,
                exchange,
                code,
                company,
                title,
                List.of(),
                date,
                "https://example.invalid/" + id,
                fileType,
                null,
                null,
                null,
                text,
                RawAnnouncement.ExtractionStatus.OK,
                null,
                Instant.parse("2024-07-01T00:00:00Z"));
    }

    private static final class Counts {
        int tp;
        int fp;
        int fn;

        void add(Set<String> hits, Set<String> relevant) {
            int hit = (int) hits.stream().filter(relevant::contains).count();
            tp += hit;
            fp += hits.size() - hit;
            fn += relevant.size() - hit;
        }

        double precision() {
            return tp + fp == 0 ? 1.0 : tp / (double) (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? 1.0 : tp / (double) (tp + fn);
        }
    }

    private static final class Score {
        final Counts all = new Counts();
        final Counts named = new Counts();
        final List<String> namedMisses = new ArrayList<>();

        void add(String q, boolean isNamed, Set<String> hits, Set<String> relevant) {
            int tp = (int) hits.stream().filter(relevant::contains).count();
            int fp = hits.size() - tp;
            int fn = relevant.size() - tp;
            for (Counts c : isNamed ? List.of(all, named) : List.of(all)) {
                c.tp += tp;
                c.fp += fp;
                c.fn += fn;
            }
            if (isNamed && (fp > 0 || fn > 0)) {
                namedMisses.add(q + "(+" + fp + "/-" + fn + ")");
            }
        }
    }
}
