package io.pilu.sink.es;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class IndexTemplateTest {

    @Test
    void rendersThePatternOfTheAliasAndTheChosenAnalyzer() {
        ObjectNode t = IndexTemplate.render("pilu-announcements", IndexTemplate.ChineseAnalyzer.CJK);
        assertThat(t.path("index_patterns").size()).isEqualTo(1);
        assertThat(t.path("index_patterns").get(0).asText()).isEqualTo("pilu-announcements-*");
        assertThat(t.at("/template/settings/analysis/analyzer/pilu_chinese/type")
                        .asText())
                .isEqualTo("cjk");
        assertThat(IndexTemplate.render("x", IndexTemplate.ChineseAnalyzer.SMARTCN)
                        .at("/template/settings/analysis/analyzer/pilu_chinese/type")
                        .asText())
                .isEqualTo("smartcn");
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
