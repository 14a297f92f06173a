package io.pilu.enrich.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pilu.enrich.extract.InstitutionGazetteer;
import io.pilu.enrich.extract.IrRecordParser;
import io.pilu.enrich.extract.TextNormalizer;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing (Jazzer) of the enrich stage's readers of outside text: the {@link TextNormalizer} and the
 * {@link IrRecordParser} on normalised text. The first byte picks the target, the rest is the text as UTF-8. They
 * are pure functions of a string: any exception, or one input taking over a second, is a bug, and Jazzer keeps the
 * input as a regression seed under {@code src/test/resources/io/pilu/enrich/fuzz/ExtractorFuzzITInputs/fuzz/}.
 * Seeds: the extraction fixtures (real IR records in the BSE and table layouts, damaged ones, other classes).
 */
class ExtractorFuzzIT {

    private static final long MAX_NANOS_PER_INPUT = 1_000_000_000L;
    private static final TextNormalizer NORMALIZER = new TextNormalizer();
    private static final IrRecordParser PARSER = new IrRecordParser(InstitutionGazetteer.loadDefault());

    @FuzzTest(maxDuration = "30s")
    void fuzz(byte[] data) {
        if (data.length == 0) {
            return;
        }
        boolean parse = (data[0] & 1) == 1;
        String text = new String(data, 1, data.length - 1, StandardCharsets.UTF_8);
        long took = run(parse, text);
        if (took > MAX_NANOS_PER_INPUT) {
            // A first run pays for class loading, JIT and the fuzzer's instrumentation on a shared machine: an input
            // is slow only if it is slow again.
            took = run(parse, text);
        }
        if (took > MAX_NANOS_PER_INPUT) {
            throw new AssertionError((parse ? "IrRecordParser" : "TextNormalizer") + " took " + took / 1_000_000
                    + " ms on a " + text.length() + "-character input (limit 1 s)");
        }
    }

    private static long run(boolean parse, String text) {
        long start = System.nanoTime();
        String normalized = NORMALIZER.normalize(text);
        if (parse) {
            PARSER.parse(normalized);
        }
        return System.nanoTime() - start;
    }
}
