package io.pilu.ingest.document;

import java.util.Objects;

/**
 * Text extracted from one document.
 *
 * @param text      the cleaned text, lines separated by {@code \n}
 * @param pageCount pages of a PDF; null for formats without pages (HTML)
 * @param truncated whether the text stops at the character budget ({@link ExtractionBudget#maxTextChars()}) before
 *                  the end of the document
 */
public record ExtractedText(String text, Integer pageCount, boolean truncated) {

    public ExtractedText {
        Objects.requireNonNull(text, "text");
    }

    public ExtractedText(String text, Integer pageCount) {
        this(text, pageCount, false);
    }
}
