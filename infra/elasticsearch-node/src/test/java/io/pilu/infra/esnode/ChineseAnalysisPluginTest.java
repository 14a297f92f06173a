package io.pilu.infra.esnode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.elasticsearch.common.settings.Settings;
import org.junit.jupiter.api.Test;

class ChineseAnalysisPluginTest {

    private final ChineseAnalysisPlugin plugin = new ChineseAnalysisPlugin();

    @Test
    void registersTheOfficialPluginNames() {
        assertThat(plugin.getAnalyzers()).containsOnlyKeys("smartcn", "icu_analyzer", "cjk");
        assertThat(plugin.getTokenizers()).containsOnlyKeys("smartcn_tokenizer", "icu_tokenizer");
        assertThat(plugin.getTokenFilters())
                .containsOnlyKeys(
                        "smartcn_stop",
                        "porter_stem",
                        "icu_folding",
                        "icu_normalizer",
                        "cjk_width",
                        "cjk_bigram",
                        "keep_types");
        assertThat(plugin.getCharFilters()).containsOnlyKeys("icu_normalizer", "pattern_replace");
        // like analysis-common's: built only from an index's settings, never as a pre-built default
        assertThat(plugin.getCharFilters().get("pattern_replace").requiresAnalysisSettings())
                .isTrue();
        assertThat(plugin.getTokenFilters().get("keep_types").requiresAnalysisSettings())
                .isTrue();
    }

    @Test
    void smartcnSegmentsWordsNotCharacters() throws Exception {
        assertThat(tokens(new SmartChineseAnalyzer(), "公司重要的大模型客户")).contains("公司", "重要", "模型", "客户");
    }

    @Test
    void cjkBigramsOverlapAndKeepALoneCharacter() throws Exception {
        var factory = plugin.getTokenFilters().get("cjk_bigram").get(null, null, "cjk_bigram", Settings.EMPTY);
        Analyzer bigrams = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                var tokenizer = new org.apache.lucene.analysis.standard.StandardTokenizer();
                return new TokenStreamComponents(tokenizer, factory.create(tokenizer));
            }
        };
        assertThat(tokens(bigrams, "智谱华章，闻")).containsExactly("智谱", "谱华", "华章", "闻");
        var withUnigrams = plugin.getTokenFilters()
                .get("cjk_bigram")
                .get(
                        null,
                        null,
                        "u",
                        Settings.builder().put("output_unigrams", true).build());
        Analyzer both = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                var tokenizer = new org.apache.lucene.analysis.standard.StandardTokenizer();
                return new TokenStreamComponents(tokenizer, withUnigrams.create(tokenizer));
            }
        };
        assertThat(tokens(both, "华章")).containsExactly("华", "华章", "章");
    }

    @Test
    void keepTypesLeavesOneTokenPerChineseCharacterAndRefusesAFilterWithoutTypes() throws Exception {
        var factory = plugin.getTokenFilters()
                .get("keep_types")
                .get(
                        null,
                        null,
                        "han",
                        Settings.builder().putList("types", "<IDEOGRAPHIC>").build());
        Analyzer chars = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                var tokenizer = new org.apache.lucene.analysis.standard.StandardTokenizer();
                return new TokenStreamComponents(tokenizer, factory.create(tokenizer));
            }
        };
        assertThat(tokens(chars, "碳酸锂 GPU 2024年，铜箔")).containsExactly("碳", "酸", "锂", "年", "铜", "箔");
        var exclude = plugin.getTokenFilters()
                .get("keep_types")
                .get(
                        null,
                        null,
                        "latin",
                        Settings.builder()
                                .putList("types", "<IDEOGRAPHIC>")
                                .put("mode", "exclude")
                                .build());
        Analyzer latin = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                var tokenizer = new org.apache.lucene.analysis.standard.StandardTokenizer();
                return new TokenStreamComponents(tokenizer, exclude.create(tokenizer));
            }
        };
        assertThat(tokens(latin, "碳酸锂 GPU 2024年")).containsExactly("GPU", "2024");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> plugin.getTokenFilters().get("keep_types").get(null, null, "none", Settings.EMPTY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs [types]");
    }

    @Test
    void icuAnalyzerNormalisesFullWidthAndFoldsCase() throws Exception {
        Analyzer icu = new ChineseAnalysisPlugin.IcuAnalyzer(ChineseAnalysisPlugin.normalizer(Settings.EMPTY));

        assertThat(tokens(icu, "智谱华章 ＡＢＣ Straße")).contains("abc", "strasse");
    }

    private static List<String> tokens(Analyzer analyzer, String text) throws Exception {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("f", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term.toString());
            }
            stream.end();
        }
        return tokens;
    }
}
