package io.pilu.sink.cli;

import io.pilu.sink.es.IndexTemplate.ChineseAnalyzer;
import picocli.CommandLine;

/**
 * {@code --analyzer} (and {@code PILU_SINK_ANALYZER}) as a {@link ChineseAnalyzer}: a misspelt name is a usage error
 * naming the valid ones, reported before anything starts, like any other bad option value.
 */
public final class ChineseAnalyzerConverter implements CommandLine.ITypeConverter<ChineseAnalyzer> {

    @Override
    public ChineseAnalyzer convert(String value) {
        try {
            return ChineseAnalyzer.fromConfig(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
