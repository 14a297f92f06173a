package io.pilu.ingest.crawl;

import io.pilu.ingest.document.ExtractedText;
import io.pilu.ingest.http.DownloadedDocument;
import io.pilu.ingest.listing.Disclosure;
import io.pilu.model.RawAnnouncement;
import io.pilu.model.RawAnnouncement.ExtractionStatus;
import java.net.URI;
import java.time.Instant;

/** Builds the raw record from a listing entry and what happened to its document. Pure. */
public final class RawAnnouncementConverter {

    /** How {@code extractionError} of an OK record starts when its text stops at the character budget. */
    public static final String TEXT_TRUNCATED = "TEXT_TRUNCATED";

    private RawAnnouncementConverter() {}

    /**
     * Text extracted; {@code maxTextChars} bounds the record size (a longer text is cut, and a cut text, here or by
     * the extractor's budget, is noted in {@code extractionError}: the record stays {@code OK}).
     */
    public static RawAnnouncement ok(
            Disclosure d, URI url, DownloadedDocument doc, ExtractedText text, int maxTextChars, Instant fetchedAt) {
        String body = text.text();
        String note = null;
        if (body.length() > maxTextChars) {
            note = TEXT_TRUNCATED + ": text cut to " + maxTextChars + " of " + body.length()
                    + " characters (--max-text-chars)";
            int end = maxTextChars;
            if (Character.isHighSurrogate(body.charAt(end - 1))) {
                end--; // never split a surrogate pair
            }
            body = body.substring(0, end);
        } else if (text.truncated()) {
            note = TEXT_TRUNCATED + ": extraction stopped at " + maxTextChars + " characters (--max-text-chars)";
        }
        return new RawAnnouncement(
                RawAnnouncement.SCHEMA_VERSION,
                d.id(),
                d.source(),
                d.exchange(),
                d.companyCode(),
                d.companyName(),
                d.title(),
                d.typeCodes(),
                d.publishDate(),
                url.toString(),
                d.fileType(),
                doc.sha256(),
                doc.bytes(),
                text.pageCount(),
                body,
                ExtractionStatus.OK,
                note,
                fetchedAt);
    }

    /**
     * Download or extraction failed, or the path was refused. {@code url} and {@code doc} are null when the
     * failure came before them.
     */
    public static RawAnnouncement failed(
            Disclosure d, URI url, DownloadedDocument doc, String reason, Instant fetchedAt) {
        return withoutText(d, url, doc, ExtractionStatus.FAILED, reason, fetchedAt);
    }

    private static RawAnnouncement withoutText(
            Disclosure d, URI url, DownloadedDocument doc, ExtractionStatus status, String reason, Instant fetchedAt) {
        return new RawAnnouncement(
                RawAnnouncement.SCHEMA_VERSION,
                d.id(),
                d.source(),
                d.exchange(),
                d.companyCode(),
                d.companyName(),
                d.title(),
                d.typeCodes(),
                d.publishDate(),
                url == null ? null : url.toString(),
                d.fileType(),
                doc == null ? null : doc.sha256(),
                doc == null ? null : doc.bytes(),
                null,
                null,
                status,
                reason,
                fetchedAt);
    }
}
