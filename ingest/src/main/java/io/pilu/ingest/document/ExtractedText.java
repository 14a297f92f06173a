package io.pilu.ingest.document;

import java.util.Objects;

/**
 * Text extracted from one document.
 *
 * @param text      the cleaned text, lines separated by {@code \n}
 * @param pageCount pages of a PDF; null for formats without pages (HTML)
 */
public record ExtractedText(String text, Integer pageCount) {

    public ExtractedText {
        Objects.requireNonNull(text, "text");
    }
}
