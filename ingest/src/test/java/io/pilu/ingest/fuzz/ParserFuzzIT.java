package io.pilu.ingest.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pilu.ingest.cninfo.CninfoResponseParser;
import io.pilu.ingest.cninfo.CninfoStockList;
import io.pilu.ingest.document.ChineseTextCleaner;
import io.pilu.ingest.listing.JsonpUnwrapper;
import io.pilu.ingest.listing.ListingEndpoint;
import io.pilu.ingest.listing.ListingResponseParser;
import io.pilu.ingest.listing.ListingSchemaException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Coverage-guided fuzzing (Jazzer) of the crawler's parsers of outside input: the JSONP unwrapper, the listing
 * parser of both endpoints, the Chinese text cleaner, and cninfo's query-response and stock-list parsers. The first
 * byte picks the target, the rest is its input as UTF-8 (one fuzz test, so one bounded run covers them all). A typed
 * {@link ListingSchemaException} (cninfo's {@code CninfoSchemaException} is one) is the only acceptable failure; any
 * other exception, or one input taking over a second, is a bug, and Jazzer keeps the input as a regression seed
 * under {@code src/test/resources/io/pilu/ingest/fuzz/ParserFuzzITInputs/fuzz/} (replayed by every later run).
 *
 * <p>Seeds: {@link FuzzSeeds} writes them from the bundled samples (listing pages of both endpoints and a cninfo
 * page and stock list as the simulators serve them, and the samples' texts).
 */
class ParserFuzzIT {

    /** One input may take at most this long (the bound). */
    static final long MAX_NANOS_PER_INPUT = 1_000_000_000L;

    static final int TARGETS = 6;

    private static final ChineseTextCleaner CLEANER = new ChineseTextCleaner();

    @FuzzTest(maxDuration = "30s")
    void fuzz(byte[] data) {
        if (data.length == 0) {
            return;
        }
        int target = Math.floorMod(data[0], TARGETS);
        String text = new String(data, 1, data.length - 1, StandardCharsets.UTF_8);
        long took = run(target, text);
        if (took > MAX_NANOS_PER_INPUT) {
            // A first run pays for class loading, JIT and the fuzzer's instrumentation on a shared machine: an input
            // is slow only if it is slow again.
            took = run(target, text);
        }
        if (took > MAX_NANOS_PER_INPUT) {
            throw new AssertionError("target " + target + " took " + took / 1_000_000 + " ms on a " + text.length()
                    + "-character input (limit 1 s)");
        }
    }

    private static long run(int target, String text) {
        long start = System.nanoTime();
        try {
            switch (target) {
                case 0 -> JsonpUnwrapper.unwrap(text);
                case 1 -> ListingResponseParser.parse(ListingEndpoint.COMPANY_ANNOUNCEMENT, text);
                case 2 -> ListingResponseParser.parse(ListingEndpoint.DISCLOSURE_LIST, text);
                case 4 -> CninfoResponseParser.parse(text, 1);
                case 5 -> CninfoStockList.parse(text);
                default -> {
                    CLEANER.clean(Arrays.asList(text.split("\f", -1)));
                    CLEANER.cleanBlocks(text);
                }
            }
        } catch (ListingSchemaException expected) {
            // the typed refusal of input that breaks the contract
        }
        return System.nanoTime() - start;
    }
}
