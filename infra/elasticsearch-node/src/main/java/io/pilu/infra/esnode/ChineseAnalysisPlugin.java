package io.pilu.infra.esnode;

import com.ibm.icu.text.Normalizer2;
import java.io.Reader;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.core.TypeTokenFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;
import org.apache.lucene.analysis.icu.ICUNormalizer2CharFilter;
import org.apache.lucene.analysis.icu.ICUNormalizer2Filter;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;
import org.apache.lucene.analysis.pattern.PatternReplaceCharFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.NormalizingCharFilterFactory;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

/**
 * Chinese full-text analysis from Lucene's smartcn and ICU modules, under the names the official
 * {@code analysis-smartcn} and {@code analysis-icu} plugins use (those plugins are not published to Maven Central).
 *
 * <ul>
 *   <li>{@code smartcn} analyzer, {@code smartcn_tokenizer}, {@code smartcn_stop} token filter: dictionary/HMM
 *       based word segmentation of Simplified Chinese, so "大模型客户" matches text containing those words.</li>
 *   <li>{@code icu_analyzer}, {@code icu_tokenizer}, {@code icu_normalizer} (char and token filter),
 *       {@code icu_folding}: Unicode-aware segmentation and normalisation for mixed-script text.</li>
 *   <li>{@code pattern_replace} char filter ({@code pattern}, {@code replacement}), {@code porter_stem},
 *       {@code cjk_width}, {@code cjk_bigram} ({@code output_unigrams}) and {@code keep_types} ({@code types},
 *       {@code mode}) token filters and the {@code cjk} analyzer, as in Elasticsearch's analysis-common module, which
 *       this node does not load (every distribution of Elasticsearch does): the sink's {@code pilu_chinese} analyzer
 *       is the cjk analyzer's parts, or smartcn's, behind a char filter that joins the lines a PDF wrapped inside a
 *       word; its {@code pilu_han_chars} analyzer keeps the standard tokenizer's {@code <IDEOGRAPHIC>} tokens, one
 *       per Chinese character.</li>
 * </ul>
 */
public final class ChineseAnalysisPlugin extends Plugin implements AnalysisPlugin {

    /** ICU normaliser used when an index does not name one: NFKC with case folding, as in the official plugin. */
    static final String DEFAULT_NORMALIZER = "nfkc_cf";

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        return Map.of(
                "smartcn",
                        (indexSettings, environment, name, settings) ->
                                analyzer(name, settings, new SmartChineseAnalyzer()),
                "icu_analyzer",
                        (indexSettings, environment, name, settings) ->
                                analyzer(name, settings, new IcuAnalyzer(normalizer(settings))),
                "cjk", (indexSettings, environment, name, settings) -> analyzer(name, settings, new CJKAnalyzer()));
    }

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        return Map.of(
                "smartcn_tokenizer",
                        (indexSettings, environment, name, settings) ->
                                TokenizerFactory.newFactory(name, HMMChineseTokenizer::new),
                "icu_tokenizer",
                        (indexSettings, environment, name, settings) ->
                                TokenizerFactory.newFactory(name, ICUTokenizer::new));
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of(
                "smartcn_stop",
                        (indexSettings, environment, name, settings) -> new FilterFactory(
                                name, in -> new StopFilter(in, SmartChineseAnalyzer.getDefaultStopSet())),
                "porter_stem",
                        (indexSettings, environment, name, settings) ->
                                new NormalizingFilterFactory(name, PorterStemFilter::new),
                "cjk_width",
                        (indexSettings, environment, name, settings) ->
                                new NormalizingFilterFactory(name, CJKWidthFilter::new),
                "cjk_bigram",
                        (indexSettings, environment, name, settings) -> {
                            // analysis-common's defaults: bigrams of every CJK script, no unigrams beside them
                            boolean unigrams = settings.getAsBoolean("output_unigrams", false);
                            int scripts = CJKBigramFilter.HAN
                                    | CJKBigramFilter.HIRAGANA
                                    | CJKBigramFilter.KATAKANA
                                    | CJKBigramFilter.HANGUL;
                            return new FilterFactory(name, in -> new CJKBigramFilter(in, scripts, unigrams));
                        },
                "keep_types",
                        // as analysis-common's: only from an index's settings; the token types to keep (mode
                        // include) or to drop (exclude)
                        AnalysisPlugin.requiresAnalysisSettings((indexSettings, environment, name, settings) -> {
                            List<String> types = settings.getAsList("types");
                            if (types.isEmpty()) {
                                throw new IllegalArgumentException(
                                        "keep_types token filter [" + name + "] needs [types]");
                            }
                            String mode = settings.get("mode", "include").toLowerCase(Locale.ROOT);
                            if (!mode.equals("include") && !mode.equals("exclude")) {
                                throw new IllegalArgumentException("keep_types token filter [" + name
                                        + "]: mode must be include or exclude, not [" + mode + "]");
                            }
                            Set<String> kept = Set.copyOf(types);
                            boolean include = mode.equals("include");
                            return new FilterFactory(name, in -> new TypeTokenFilter(in, kept, include));
                        }),
                "icu_folding",
                        (indexSettings, environment, name, settings) ->
                                new NormalizingFilterFactory(name, ICUFoldingFilter::new),
                "icu_normalizer",
                        (indexSettings, environment, name, settings) -> {
                            Normalizer2 normalizer = normalizer(settings);
                            return new NormalizingFilterFactory(name, in -> new ICUNormalizer2Filter(in, normalizer));
                        });
    }

    @Override
    public Map<String, AnalysisProvider<CharFilterFactory>> getCharFilters() {
        return Map.of(
                "icu_normalizer",
                (indexSettings, environment, name, settings) -> {
                    Normalizer2 normalizer = normalizer(settings);
                    return new NormalizingCharFilterFactory() {
                        @Override
                        public String name() {
                            return name;
                        }

                        @Override
                        public Reader create(Reader reader) {
                            return new ICUNormalizer2CharFilter(reader, normalizer);
                        }
                    };
                },
                "pattern_replace",
                // as in analysis-common: only built from an index's settings (it has no default pattern)
                AnalysisPlugin.requiresAnalysisSettings((indexSettings, environment, name, settings) -> {
                    String regex = settings.get("pattern");
                    if (regex == null) {
                        throw new IllegalArgumentException(
                                "pattern_replace char filter [" + name + "] needs a pattern");
                    }
                    Pattern pattern = Pattern.compile(regex);
                    String replacement = settings.get("replacement", "");
                    return new CharFilterFactory() {
                        @Override
                        public String name() {
                            return name;
                        }

                        @Override
                        public Reader create(Reader reader) {
                            return new PatternReplaceCharFilter(pattern, replacement, reader);
                        }
                    };
                }));
    }

    /** The {@code name} setting picks the ICU normaliser ({@code nfc}, {@code nfkc}, {@code nfkc_cf}). */
    static Normalizer2 normalizer(Settings settings) {
        return Normalizer2.getInstance(null, settings.get("name", DEFAULT_NORMALIZER), Normalizer2.Mode.COMPOSE);
    }

    private static <A extends Analyzer> AnalyzerProvider<A> analyzer(String name, Settings settings, A analyzer) {
        return new AbstractIndexAnalyzerProvider<>(name, settings) {
            @Override
            public A get() {
                return analyzer;
            }
        };
    }

    /** A filter that may drop or split tokens, so it is only allowed in analyzers. */
    private record FilterFactory(String name, UnaryOperator<TokenStream> filter) implements TokenFilterFactory {
        @Override
        public TokenStream create(TokenStream tokenStream) {
            return filter.apply(tokenStream);
        }
    }

    /** A one-token-in, one-token-out filter: allowed in keyword normalizers as well as analyzers. */
    private record NormalizingFilterFactory(String name, UnaryOperator<TokenStream> filter)
            implements NormalizingTokenFilterFactory {
        @Override
        public TokenStream create(TokenStream tokenStream) {
            return filter.apply(tokenStream);
        }
    }

    /** ICU normalisation (char filter), ICU word segmentation, then ICU case/accent folding. */
    static final class IcuAnalyzer extends Analyzer {
        private final Normalizer2 normalizer;

        IcuAnalyzer(Normalizer2 normalizer) {
            this.normalizer = normalizer;
        }

        @Override
        protected Reader initReader(String fieldName, Reader reader) {
            return new ICUNormalizer2CharFilter(reader, normalizer);
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            ICUTokenizer tokenizer = new ICUTokenizer();
            return new TokenStreamComponents(tokenizer, new ICUFoldingFilter(tokenizer));
        }
    }
}
