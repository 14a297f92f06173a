package io.pilu.sink.es;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class IndexTemplateTest {

    @Test
    void rendersThePatternOfTheAliasTheChosenAnalysisAndTheRefreshInterval() {
        ObjectNode t = IndexTemplate.render(
                IndexTemplate.RESOURCE,
                "pilu-announcements",
                IndexTemplate.ChineseAnalyzer.CJK,
                java.time.Duration.ofMillis(250));
        assertThat(t.path("index_patterns").size()).isEqualTo(1);
        assertThat(t.path("index_patterns").get(0).asText()).isEqualTo("pilu-announcements-*");
        var cjk = t.at("/template/settings/analysis/analyzer/pilu_chinese");
        assertThat(cjk.path("type").asText()).isEqualTo("custom");
        assertThat(cjk.path("tokenizer").asText()).isEqualTo("standard");
        assertThat(cjk.path("filter").toString())
                .isEqualTo("[\"cjk_width\",\"lowercase\",\"cjk_bigram\",\"pilu_cjk_stop\"]");
        assertThat(cjk.path("char_filter").toString()).isEqualTo("[\"pilu_join_wrapped_lines\"]");
        assertThat(t.at("/template/settings/analysis/filter/pilu_cjk_stop/stopwords")
                        .asText())
                .isEqualTo("_cjk_");
        assertThat(t.at("/template/settings/index/refresh_interval").asText()).isEqualTo("250ms");

        var smartcn = IndexTemplate.render("x", IndexTemplate.ChineseAnalyzer.SMARTCN)
                .at("/template/settings/analysis/analyzer/pilu_chinese");
        assertThat(smartcn.path("tokenizer").asText()).isEqualTo("smartcn_tokenizer");
        assertThat(smartcn.path("filter").toString()).isEqualTo("[\"porter_stem\",\"smartcn_stop\"]");
        assertThat(IndexTemplate.render(
                                IndexTemplate.RESOURCE,
                                "x",
                                IndexTemplate.ChineseAnalyzer.SMARTCN,
                                java.time.Duration.ofMillis(-1))
                        .at("/template/settings/index/refresh_interval")
                        .asText())
                .isEqualTo("-1");
    }

    @Test
    void theResearchVisitsTemplateGetsTheSameAnalysisAndKeepsItsRefreshDefault() {
        ObjectNode t = IndexTemplate.render(
                IndexTemplate.RESEARCH_VISITS_RESOURCE,
                "v",
                IndexTemplate.ChineseAnalyzer.SMARTCN,
                java.time.Duration.ofMillis(250));
        assertThat(t.at("/template/settings/analysis/analyzer/pilu_chinese/tokenizer")
                        .asText())
                .isEqualTo("smartcn_tokenizer");
        assertThat(t.at("/template/settings/index").isMissingNode()).isTrue();
    }

    @Test
    void mappingsAreVersionedAndTheSinkWritesToTheVersionedIndex() {
        assertThat(IndexTemplate.mappingVersion(IndexTemplate.RESOURCE)).isEqualTo(4);
        assertThat(IndexTemplate.indexName(IndexTemplate.RESOURCE, "a")).isEqualTo("a-v4");
        assertThat(IndexTemplate.mappingVersion(IndexTemplate.RESEARCH_VISITS_RESOURCE))
                .isEqualTo(1);
        assertThat(IndexBootstrapper.versionOf("a", "a-v1")).isEqualTo(1);
        assertThat(IndexBootstrapper.versionOf("a", "a-v12")).isEqualTo(12);
        assertThat(IndexBootstrapper.versionOf("a", "a-reindexed")).isZero();
        assertThat(IndexBootstrapper.versionOf("a", "b-v1")).isZero();
    }

    @Test
    void titleCompanyNameAndTextHaveOneTermPerChineseCharacterWithoutPositions() {
        var m = IndexTemplate.mappings();
        for (String field : new String[] {"/properties/title", "/properties/companyName", "/properties/text"}) {
            var sub = m.at(field + "/fields/char");
            assertThat(sub.path("type").asText()).as(field).isEqualTo("text");
            assertThat(sub.path("analyzer").asText()).as(field).isEqualTo("pilu_han_chars");
            // only terms are looked up in it (no phrases): positions would cost a posting per character
            assertThat(sub.path("index_options").asText()).as(field).isEqualTo("freqs");
        }
        var t = IndexTemplate.render("x", IndexTemplate.ChineseAnalyzer.SMARTCN);
        // the same whatever --analyzer picks for pilu_chinese
        var chars = t.at("/template/settings/analysis/analyzer/pilu_han_chars");
        assertThat(chars.path("tokenizer").asText()).isEqualTo("standard");
        assertThat(chars.path("filter").toString()).isEqualTo("[\"pilu_keep_han\"]");
        var keep = t.at("/template/settings/analysis/filter/pilu_keep_han");
        assertThat(keep.path("type").asText()).isEqualTo("keep_types");
        assertThat(keep.path("types").toString()).isEqualTo("[\"<IDEOGRAPHIC>\"]");
        // the cjk stop filter sits beside it when cjk is chosen
        var cjk = IndexTemplate.render("x", IndexTemplate.ChineseAnalyzer.CJK).at("/template/settings/analysis/filter");
        assertThat(cjk.has("pilu_keep_han")).isTrue();
        assertThat(cjk.has("pilu_cjk_stop")).isTrue();
    }

    @Test
    void eachPieceOfTextIsAnalysedOnce() {
        var m = IndexTemplate.mappings();
        // Q&A pairs and figure contexts are parts of text: kept for display, searched through text
        assertThat(m.at("/properties/ir/properties/qa/enabled").asBoolean(true)).isFalse();
        assertThat(m.at("/properties/figures/properties/context/index").asBoolean(true))
                .isFalse();
        assertThat(m.at("/properties/figures/properties/context/analyzer").isMissingNode())
                .isTrue();
    }

    @Test
    void mappingIsStrictWithChineseTextKeywordsDatesAndNestedFigures() {
        var m = IndexTemplate.mappings();
        assertThat(m.path("dynamic").asText()).isEqualTo("strict");
        assertThat(m.at("/properties/title/analyzer").asText()).isEqualTo("pilu_chinese");
        assertThat(m.at("/properties/text/analyzer").asText()).isEqualTo("pilu_chinese");
        assertThat(m.at("/properties/companyCode/type").asText()).isEqualTo("keyword");
        assertThat(m.at("/properties/documentClass/type").asText()).isEqualTo("keyword");
        assertThat(m.at("/properties/publishDate/type").asText()).isEqualTo("date");
        assertThat(m.at("/properties/ir/properties/date/type").asText()).isEqualTo("date");
        assertThat(m.at("/properties/ir/properties/participants/type").asText()).isEqualTo("keyword");
        assertThat(m.at("/properties/ir/properties/customers/type").asText()).isEqualTo("keyword");
        assertThat(m.at("/properties/figures/type").asText()).isEqualTo("nested");
        assertThat(m.at("/properties/figures/properties/value/type").asText()).isEqualTo("double");
    }
}
