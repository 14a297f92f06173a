package io.pilu.sink.es;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilu.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The sink's index template ({@code io/pilu/sink/index-template.json}) rendered for one alias and one analyzer.
 * Pure: the resource is the single source of the mapping; only the two runtime choices are filled in here.
 */
public final class IndexTemplate {

    public static final String RESOURCE = "/io/pilu/sink/index-template.json";
    /** The template of the research-visits index ({@code pilu-research-visits}). */
    public static final String RESEARCH_VISITS_RESOURCE = "/io/pilu/sink/research-visits-template.json";

    /** Chinese full-text analyzers the sink can put behind {@code pilu_chinese}. */
    public enum ChineseAnalyzer {
        /** Lucene smartcn (dictionary + HMM word segmentation): needs the analysis-smartcn plugin. */
        SMARTCN("smartcn"),
        /** Built-in CJK bigrams: works on every cluster, coarser relevance. */
        CJK("cjk");

        private final String esType;

        ChineseAnalyzer(String esType) {
            this.esType = esType;
        }

        public String esType() {
            return esType;
        }
    }

    private IndexTemplate() {}

    /** The template name the sink owns for {@code alias}. */
    public static String name(String alias) {
        return alias + "-template";
    }

    /** The template body for indices {@code <alias>-*} with {@code analyzer}. */
    public static ObjectNode render(String alias, ChineseAnalyzer analyzer) {
        return render(RESOURCE, alias, analyzer);
    }

    /** As {@link #render(String, ChineseAnalyzer)}, from the template resource {@code resource}. */
    public static ObjectNode render(String resource, String alias, ChineseAnalyzer analyzer) {
        ObjectNode t = load(resource);
        t.putArray("index_patterns").add(alias + "-*");
        ((ObjectNode) t.at("/template/settings/analysis/analyzer/pilu_chinese")).put("type", analyzer.esType());
        return t;
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
