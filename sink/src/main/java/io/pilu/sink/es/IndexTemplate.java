package io.pilu.sink.es;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilu.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/**
 * The sink's index templates ({@code io/pilu/sink/index-template.json}, {@code research-visits-template.json})
 * rendered for one alias, one analyzer and one refresh interval. Pure: the resource is the single source of the
 * mapping and of its version; only the runtime choices are filled in here.
 */
public final class IndexTemplate {

    public static final String RESOURCE = "/io/pilu/sink/index-template.json";
    /** The template of the research-visits index ({@code pilu-research-visits}). */
    public static final String RESEARCH_VISITS_RESOURCE = "/io/pilu/sink/research-visits-template.json";

    /** The cjk analyzer's own stop words (a custom filter: the built-in {@code stop} filter defaults to English). */
    private static final String CJK_STOP = "pilu_cjk_stop";

    /** The analysis of new indices unless {@code --analyzer} says otherwise (why: {@link ChineseAnalyzer#CJK}). */
    public static final String DEFAULT_ANALYZER_NAME = "cjk";
    /** {@link #DEFAULT_ANALYZER_NAME} as the analyzer. */
    public static final ChineseAnalyzer DEFAULT_ANALYZER = ChineseAnalyzer.fromConfig(DEFAULT_ANALYZER_NAME);

    /**
     * Chinese full-text analysis the sink can put behind {@code pilu_chinese}, as a custom analyzer (so the template's
     * char filters apply) made of the same tokenizer and filters as the built-in analyzer it is named after. Chosen
     * with {@code --analyzer} ({@link #configName()}); an index keeps the analysis it was created with.
     */
    public enum ChineseAnalyzer {
        /**
         * As the built-in {@code cjk} analyzer: overlapping bigrams of Chinese characters, Latin words as words. The
         * default: with the search's {@code operator: and} a query finds the documents that contain it. Over the
         * bundled samples and {@code pilu search}'s own query (SearchRelevanceIT), precision 0.996 and recall 0.998
         * against "the title or text contains the query", where smartcn's words gave 0.854 and 0.596 (毛利 does not
         * match 毛利率; 中邮证券 is 中|邮|证券). Its analysis is also several times cheaper (README, Benchmarks). A lone
         * character is a term only where it stands alone, so the search looks a one-character word up in the
         * {@code .char} subfields (one term per character, whatever the analyzer). Works on every cluster.
         */
        CJK("cjk", "standard", List.of("cjk_width", "lowercase", "cjk_bigram", CJK_STOP)),
        /**
         * Lucene smartcn (dictionary + HMM word segmentation), as the plugin's {@code smartcn} analyzer: its tokenizer,
         * Porter stemming of Latin words, its stop words. Fewer, word-like terms (a smaller index), at the recall and
         * CPU cost above. Needs the analysis-smartcn plugin (the embedded node has it); refused at start otherwise.
         */
        SMARTCN("smartcn", "smartcn_tokenizer", List.of("porter_stem", "smartcn_stop"));

        private final String esType;
        private final String tokenizer;
        private final List<String> filters;

        ChineseAnalyzer(String esType, String tokenizer, List<String> filters) {
            this.esType = esType;
            this.tokenizer = tokenizer;
            this.filters = filters;
        }

        /** The built-in analyzer this one reproduces. */
        public String esType() {
            return esType;
        }

        /** The value of {@code --analyzer} / {@code PILU_SINK_ANALYZER} that selects it. */
        public String configName() {
            return esType;
        }

        /** The analyzer {@code --analyzer name} selects; a clear error for anything else. */
        public static ChineseAnalyzer fromConfig(String name) {
            for (ChineseAnalyzer a : values()) {
                if (a.configName().equalsIgnoreCase(name == null ? "" : name.trim())) {
                    return a;
                }
            }
            throw new IllegalArgumentException("unknown analyzer '" + name + "': expected one of "
                    + java.util.Arrays.stream(values())
                            .map(ChineseAnalyzer::configName)
                            .toList());
        }

        /** The analyzer that reproduces the built-in analyzer {@code type}, or null. */
        static ChineseAnalyzer ofEsType(String type) {
            for (ChineseAnalyzer a : values()) {
                if (a.esType.equals(type)) {
                    return a;
                }
            }
            return null;
        }

        /** The analyzer whose tokenizer is {@code tokenizer} (as an index's settings name it), or null. */
        static ChineseAnalyzer ofTokenizer(String tokenizer) {
            for (ChineseAnalyzer a : values()) {
                if (a.tokenizer.equals(tokenizer)) {
                    return a;
                }
            }
            return null;
        }
    }

    private IndexTemplate() {}

    /** The template name the sink owns for {@code alias}. */
    public static String name(String alias) {
        return alias + "-template";
    }

    /** The template body for indices {@code <alias>-*} with {@code analyzer}, refreshed every second. */
    public static ObjectNode render(String alias, ChineseAnalyzer analyzer) {
        return render(RESOURCE, alias, analyzer, Duration.ofSeconds(1));
    }

    /**
     * The template of resource {@code resource} for indices {@code <alias>-*}: {@code pilu_chinese} built from
     * {@code analyzer} (keeping the resource's char filters), and {@code refreshInterval} where the resource asks for
     * one.
     */
    public static ObjectNode render(String resource, String alias, ChineseAnalyzer analyzer, Duration refreshInterval) {
        ObjectNode t = load(resource);
        t.putArray("index_patterns").add(alias + "-*");
        ObjectNode settings = (ObjectNode) t.at("/template/settings");
        ObjectNode analysis = (ObjectNode) settings.path("analysis");
        ObjectNode chinese = (ObjectNode) analysis.path("analyzer").path("pilu_chinese");
        chinese.put("type", "custom");
        chinese.put("tokenizer", analyzer.tokenizer);
        ArrayNode filters = chinese.putArray("filter");
        analyzer.filters.forEach(filters::add);
        if (analyzer.filters.contains(CJK_STOP)) {
            ObjectNode stop = analysis.withObjectProperty("filter").putObject(CJK_STOP);
            stop.put("type", "stop");
            stop.put("stopwords", "_cjk_");
        }
        if (settings.path("index").has("refresh_interval")) {
            ((ObjectNode) settings.path("index")).put("refresh_interval", refreshInterval(refreshInterval));
        }
        return t;
    }

    /** {@code index.refresh_interval} for {@code interval}: milliseconds, or -1 (never) for a negative interval. */
    public static String refreshInterval(Duration interval) {
        return interval.isNegative() ? "-1" : interval.toMillis() + "ms";
    }

    /**
     * The mapping version of template {@code resource} ({@code _meta.mapping_version}, 1 when absent): the sink writes
     * to {@code <alias>-v<version>} and moves the alias there when it finds it on an older version.
     */
    public static int mappingVersion(String resource) {
        return load(resource).at("/_meta/mapping_version").asInt(1);
    }

    /** The index the sink writes to for {@code alias} with template {@code resource}. */
    public static String indexName(String resource, String alias) {
        return alias + "-v" + mappingVersion(resource);
    }

    /** The mapping only (for checks and tests). */
    public static JsonNode mappings() {
        return mappings(RESOURCE);
    }

    /** The mapping of the template resource {@code resource}. */
    public static JsonNode mappings(String resource) {
        return load(resource).at("/template/mappings");
    }

    private static ObjectNode load(String resource) {
        try (InputStream in = IndexTemplate.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return (ObjectNode) Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
