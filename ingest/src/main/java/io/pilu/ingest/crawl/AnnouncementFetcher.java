package io.pilu.ingest.crawl;

import io.pilu.ingest.CrawlMetrics;
import io.pilu.ingest.document.DocumentExtractionException;
import io.pilu.ingest.document.DocumentTextExtractor;
import io.pilu.ingest.document.ExtractedText;
import io.pilu.ingest.http.BseClient;
import io.pilu.ingest.http.DocumentDownloadException;
import io.pilu.ingest.http.DocumentUrlGuard;
import io.pilu.ingest.http.DownloadedDocument;
import io.pilu.ingest.http.RefusedDocumentException;
import io.pilu.ingest.listing.Disclosure;
import io.pilu.model.RawAnnouncement;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches one announcement's document and turns it into a raw record. Never throws for a bad document: a refused
 * path, a failed download, a corrupt, encrypted or oversized file all become a record with
 * {@code extraction = FAILED} (or {@code SKIPPED} for a type without extractor) and the reason.
 */
public final class AnnouncementFetcher {

    private static final Logger log = LoggerFactory.getLogger(AnnouncementFetcher.class);

    private final BseClient client;
    private final DocumentUrlGuard guard;
    private final DocumentTextExtractor extractor;
    private final CrawlMetrics metrics;
    private final Path workDir;
    private final int maxTextChars;
    private final Clock clock;

    public AnnouncementFetcher(BseClient client, DocumentTextExtractor extractor, CrawlMetrics metrics, Path workDir,
                               int maxTextChars, Clock clock) {
        this.client = client;
        this.guard = new DocumentUrlGuard(client.config().baseUrl());
        this.extractor = extractor;
        this.metrics = metrics;
        this.workDir = workDir;
        this.maxTextChars = maxTextChars;
        this.clock = clock;
    }

    public RawAnnouncement fetch(Disclosure d) throws InterruptedException {
        RawAnnouncement record = fetchOrFail(d);
        metrics.document(d.fileType(), record.extraction().name());
        if (record.extraction() != RawAnnouncement.ExtractionStatus.OK) {
            log.warn("announcement {} ({} {}): extraction {}: {}", d.id(), d.companyCode(), d.title(),
                    record.extraction(), record.extractionError());
        }
        return record;
    }

    private RawAnnouncement fetchOrFail(Disclosure d) throws InterruptedException {
        URI url;
        try {
            url = guard.resolve(d.destFilePath());
        } catch (RefusedDocumentException e) {
            metrics.documentRefused();
            return RawAnnouncementConverter.failed(d, null, null, "refused: " + e.getMessage(), clock.instant());
        }
        DownloadedDocument doc;
        try {
            Files.createDirectories(workDir);
            doc = client.download(url, workDir);
        } catch (DocumentDownloadException e) {
            return RawAnnouncementConverter.failed(d, url, null, e.getMessage(), clock.instant());
        } catch (IOException e) {
            return RawAnnouncementConverter.failed(d, url, null, "cannot write to the work directory " + workDir
                    + ": " + e.getMessage(), clock.instant());
        }
        try {
            ExtractedText text = extractor.extract(doc.file(), d.fileType());
            return RawAnnouncementConverter.ok(d, url, doc, text, maxTextChars, clock.instant());
        } catch (DocumentExtractionException e) {
            if (e.kind() == DocumentExtractionException.Kind.UNSUPPORTED_TYPE) {
                return RawAnnouncementConverter.skipped(d, url, doc, e.getMessage(), clock.instant());
            }
            return RawAnnouncementConverter.failed(d, url, doc, e.getMessage(), clock.instant());
        } finally {
            try {
                Files.deleteIfExists(doc.file());
            } catch (IOException e) {
                doc.file().toFile().deleteOnExit();
            }
        }
    }
}
