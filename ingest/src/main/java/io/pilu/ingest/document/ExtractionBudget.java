package io.pilu.ingest.document;

import java.time.Duration;

/**
 * What reading one document may cost, whatever the document claims. Text extraction stops when a budget runs out,
 * so running out of heap or time is never how we learn that a document is too big.
 *
 * <ul>
 *   <li>{@code maxTextChars}: text beyond it is not kept; extraction stops there and the text is returned cut, with
 *       {@link ExtractedText#truncated()} set (a long but genuine document, e.g. an annual report);</li>
 *   <li>{@code maxGlyphsPerPage}, {@code maxOperatorsPerPage}, {@code maxDecodedStreamBytes},
 *       {@code maxDecodedDocumentBytes}, {@code maxHtmlBytes}, {@code timeout}: a document
 *       past one of these is not a document we can read at a bounded cost, and fails with
 *       {@link DocumentExtractionException.Kind#TEXT_BUDGET_EXCEEDED} (a page showing millions of glyphs, a
 *       content stream of endless operators, an object stream of a few MB inflating to gigabytes, a 45 MB HTML
 *       page whose DOM alone would fill the heap).</li>
 * </ul>
 *
 * @param maxTextChars        characters of text kept
 * @param maxGlyphsPerPage    glyphs one PDF page may show (a dense A4 page of small CJK type shows about 5 000)
 * @param maxOperatorsPerPage content-stream operators one PDF page may run, its forms and patterns included
 * @param maxDecodedStreamBytes bytes any one PDF stream PDFBox decodes may decode to: content, font, object and
 *                            cross-reference streams alike (PDFBox holds a decoded stream in memory)
 * @param maxDecodedDocumentBytes bytes all the streams PDFBox decodes for one PDF may decode to together, each
 *                            counted every time it is decoded (bounds the work of a file of many streams each
 *                            under the stream budget)
 * @param maxHtmlBytes        HTML larger than this is not parsed: jsoup's DOM takes about 10 to 20 times the file
 * @param timeout             wall-clock time one document may take to extract
 */
public record ExtractionBudget(
        int maxTextChars,
        int maxGlyphsPerPage,
        long maxOperatorsPerPage,
        long maxDecodedStreamBytes,
        long maxDecodedDocumentBytes,
        long maxHtmlBytes,
        Duration timeout) {

    public static final int DEFAULT_MAX_TEXT_CHARS = 300_000;
    public static final int DEFAULT_MAX_GLYPHS_PER_PAGE = 200_000;
    public static final long DEFAULT_MAX_OPERATORS_PER_PAGE = 2_000_000;
    public static final long DEFAULT_MAX_DECODED_STREAM_BYTES = 32L * 1024 * 1024;
    public static final long DEFAULT_MAX_DECODED_DOCUMENT_BYTES = 1024L * 1024 * 1024;
    public static final long DEFAULT_MAX_HTML_BYTES = 10L * 1024 * 1024;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public ExtractionBudget {
        if (maxTextChars < 1
                || maxGlyphsPerPage < 1
                || maxOperatorsPerPage < 1
                || maxDecodedStreamBytes < 1
                || maxDecodedDocumentBytes < 1
                || maxHtmlBytes < 1) {
            throw new IllegalArgumentException("extraction budgets must be positive");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("extraction timeout must be positive, got " + timeout);
        }
    }

    /** The defaults (300 000 characters, 200 000 glyphs and 2 000 000 operators a page, 32 MiB a PDF stream and
     *  1 GiB all of a PDF's streams decoded, 10 MiB of HTML, 60 s). */
    public static ExtractionBudget defaults() {
        return new ExtractionBudget(
                DEFAULT_MAX_TEXT_CHARS,
                DEFAULT_MAX_GLYPHS_PER_PAGE,
                DEFAULT_MAX_OPERATORS_PER_PAGE,
                DEFAULT_MAX_DECODED_STREAM_BYTES,
                DEFAULT_MAX_DECODED_DOCUMENT_BYTES,
                DEFAULT_MAX_HTML_BYTES,
                DEFAULT_TIMEOUT);
    }

    public ExtractionBudget withMaxTextChars(int chars) {
        return new ExtractionBudget(
                chars,
                maxGlyphsPerPage,
                maxOperatorsPerPage,
                maxDecodedStreamBytes,
                maxDecodedDocumentBytes,
                maxHtmlBytes,
                timeout);
    }

    public ExtractionBudget withTimeout(Duration t) {
        return new ExtractionBudget(
                maxTextChars,
                maxGlyphsPerPage,
                maxOperatorsPerPage,
                maxDecodedStreamBytes,
                maxDecodedDocumentBytes,
                maxHtmlBytes,
                t);
    }

    /** With other PDF decoding budgets (the tests use small ones, so a bomb over them is cheap to build). */
    public ExtractionBudget withMaxDecodedBytes(long perStream, long perDocument) {
        return new ExtractionBudget(
                maxTextChars, maxGlyphsPerPage, maxOperatorsPerPage, perStream, perDocument, maxHtmlBytes, timeout);
    }
}
