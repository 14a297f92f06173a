package io.pilu.ingest.crawl;

import io.pilu.ingest.CrawlMetrics;
import io.pilu.ingest.Refusal;
import io.pilu.ingest.document.DocumentExtractionException;
import io.pilu.ingest.document.DocumentTextExtractor;
import io.pilu.ingest.document.ExtractedText;
import io.pilu.ingest.http.DocumentDownloadException;
import io.pilu.ingest.http.DownloadedDocument;
import io.pilu.ingest.http.RefusedDocumentException;
import io.pilu.ingest.listing.Disclosure;
import io.pilu.model.RawAnnouncement;
import io.pilu.service.LogText;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches one announcement's document from its source's {@link DocumentSource} and turns it into a raw record, the
 * same way for every source. Never throws for a bad document: a refused path, a failed download, a corrupt,
 * encrypted, oversized or over-budget file all become a record with {@code extraction = FAILED} and the reason.
 *
 * <p>One rule for the document type, whatever the source: the listed type decides how the body is read. {@code pdf}
 * must be a PDF by its bytes (a {@code %PDF-} header, which is how a challenge or error page served in its place is
 * told apart; reason {@code NOT_A_PDF}); {@code html}/{@code htm} is read as HTML; every other type (DOC, DOCX, XLS,
 * PPT …) is downloaded for its fingerprint (sha-256, size) and kept as a record with {@code extraction=FAILED} and
 * a reason starting {@code UNSUPPORTED_TYPE}.
 *
 * <p>The work directory holds each document while it is read ({@code doc-*.bin}) and, while it is extracted, a
 * marker naming it and counting the attempts ({@code extracting/<hex id>}). Both are deleted afterwards. At start,
 * spool files left by a process that died are deleted, and a marker left behind means the process died while
 * extracting that document. One such death may be anything (a deploy, kill -9), so the document is read once more;
 * after {@value #MAX_EXTRACTION_ATTEMPTS} it is published as FAILED ({@code EXTRACTION_CRASHED}) instead, so no
 * document can put the crawler into a crash loop, whatever the extraction budgets miss.
 */
public final class AnnouncementFetcher {

    private static final Logger log = LoggerFactory.getLogger(AnnouncementFetcher.class);
    static final String SPOOL_PREFIX = "doc-";
    static final String MARKER_DIR = "extracting";
    /** Processes that may die extracting one document before it is given up as FAILED. */
    static final int MAX_EXTRACTION_ATTEMPTS = 2;

    /** How the reason of a document whose type has no extractor starts. */
    public static final String UNSUPPORTED_TYPE = "UNSUPPORTED_TYPE";
    /** How the reason of a document listed as PDF whose bytes are not one starts. */
    public static final String NOT_A_PDF = "NOT_A_PDF";
    /** Where the PDF header may start: PDF readers accept it within the first 1024 bytes. */
    static final int PDF_HEADER_WINDOW = 1024;

    private final DocumentSource documents;
    private final DocumentTextExtractor extractor;
    private final CrawlMetrics metrics;
    private final Path workDir;
    private final Clock clock;
    /** Ids whose extraction a previous process did not survive, with how many processes died on each. */
    private final Map<String, Integer> crashed = new HashMap<>();
    /** The markers found at start, by id (deleted once the document has a record). */
    private final Map<String, Path> leftMarkers = new HashMap<>();

    public AnnouncementFetcher(
            DocumentSource documents,
            DocumentTextExtractor extractor,
            CrawlMetrics metrics,
            Path workDir,
            Clock clock) {
        this.documents = documents;
        this.extractor = extractor;
        this.metrics = metrics;
        this.workDir = workDir;
        this.clock = clock;
        recoverWorkDir();
    }

    /**
     * The record of {@code d}, whatever happens to its document.
     *
     * @throws SourceBlockedException the site blocks the crawler: no record, the crawl stops
     */
    public RawAnnouncement fetch(Disclosure d) throws SourceBlockedException, InterruptedException {
        RawAnnouncement record = fetchOrFail(d);
        metrics.document(d.fileType(), record.extraction().name());
        if (record.extraction() != RawAnnouncement.ExtractionStatus.OK) {
            log.warn(
                    "announcement {} ({} {}): extraction {}: {}",
                    LogText.escape(d.id()),
                    LogText.escape(d.companyCode()),
                    LogText.escape(d.title()),
                    record.extraction(),
                    LogText.escape(record.extractionError()));
        }
        return record;
    }

    private RawAnnouncement fetchOrFail(Disclosure d) throws SourceBlockedException, InterruptedException {
        URI url;
        try {
            url = documents.resolve(d.destFilePath());
        } catch (RefusedDocumentException e) {
            metrics.documentRefused();
            return RawAnnouncementConverter.failed(d, null, null, "refused: " + e.getMessage(), clock.instant());
        }
        int deaths = crashed.getOrDefault(d.id(), 0);
        if (deaths >= MAX_EXTRACTION_ATTEMPTS) {
            crashed.remove(d.id());
            metrics.refused(Refusal.EXTRACTION_CRASHED);
            deleteQuietly(leftMarkers.remove(d.id()));
            return RawAnnouncementConverter.failed(
                    d,
                    url,
                    null,
                    "EXTRACTION_CRASHED: the crawler process died " + deaths
                            + " times while extracting this document; it is not read again",
                    clock.instant());
        }
        DownloadedDocument doc;
        try {
            Files.createDirectories(workDir);
            doc = documents.download(url, workDir);
        } catch (DocumentDownloadException e) {
            if (e.refusal() != null) {
                metrics.refused(e.refusal());
            }
            return RawAnnouncementConverter.failed(d, url, null, e.getMessage(), clock.instant());
        } catch (IOException e) {
            return RawAnnouncementConverter.failed(
                    d,
                    url,
                    null,
                    "cannot write to the work directory " + workDir + ": " + e.getMessage(),
                    clock.instant());
        }
        if (!DocumentTextExtractor.supports(d.fileType())) {
            deleteQuietly(doc.file());
            return RawAnnouncementConverter.failed(
                    d,
                    url,
                    doc,
                    UNSUPPORTED_TYPE + ": no text extractor for file type '" + d.fileType()
                            + "' (supported: pdf, html); the document is fingerprinted, not read",
                    clock.instant());
        }
        Path marker = null;
        try {
            if ("pdf".equalsIgnoreCase(d.fileType()) && !hasPdfHeader(doc.file())) {
                return RawAnnouncementConverter.failed(
                        d,
                        url,
                        doc,
                        NOT_A_PDF + ": listed as PDF but the body has no %PDF- header in its first " + PDF_HEADER_WINDOW
                                + " bytes (an error or challenge page?)",
                        clock.instant());
            }
            marker = writeMarker(d.id(), deaths + 1);
            ExtractedText text = extractor.extract(doc.file(), d.fileType());
            return RawAnnouncementConverter.ok(
                    d, url, doc, text, extractor.budget().maxTextChars(), clock.instant());
        } catch (DocumentExtractionException e) {
            if (e.kind() == DocumentExtractionException.Kind.TEXT_BUDGET_EXCEEDED) {
                metrics.refused(Refusal.TEXT_BUDGET_EXCEEDED);
            }
            return RawAnnouncementConverter.failed(d, url, doc, e.getMessage(), clock.instant());
        } catch (IOException e) {
            return RawAnnouncementConverter.failed(
                    d,
                    url,
                    doc,
                    "cannot write to the work directory " + workDir + ": " + e.getMessage(),
                    clock.instant());
        } finally {
            deleteQuietly(doc.file());
            if (marker != null) { // extraction ended (however): this process survived it
                crashed.remove(d.id());
                deleteQuietly(marker);
                deleteQuietly(leftMarkers.remove(d.id()));
            }
        }
    }

    /** Whether {@code file} has the PDF header {@code %PDF-} within its first {@value #PDF_HEADER_WINDOW} bytes. */
    static boolean hasPdfHeader(Path file) throws IOException {
        byte[] head;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(PDF_HEADER_WINDOW);
        }
        String latin = new String(head, StandardCharsets.ISO_8859_1);
        return latin.contains("%PDF-");
    }

    private Path markerOf(String id) {
        return workDir.resolve(MARKER_DIR).resolve(HexFormat.of().formatHex(id.getBytes(StandardCharsets.UTF_8)));
    }

    /** The marker: the id, then the number of processes that started extracting it (this one included). */
    private Path writeMarker(String id, int attempt) throws IOException {
        Path marker = markerOf(id);
        Files.createDirectories(marker.getParent());
        Files.writeString(marker, id + "\n" + attempt + "\n");
        return marker;
    }

    /** Deletes spool files a dead process left, and remembers which documents it died extracting. */
    private void recoverWorkDir() {
        if (!Files.isDirectory(workDir)) {
            return;
        }
        int deleted = 0;
        try (DirectoryStream<Path> spool = Files.newDirectoryStream(workDir, SPOOL_PREFIX + "*.bin")) {
            for (Path stale : spool) {
                deleteQuietly(stale);
                deleted++;
            }
        } catch (IOException e) {
            log.warn("cannot list the work directory {}: {}", workDir, e.toString());
        }
        if (deleted > 0) {
            log.info("deleted {} stale spool file(s) from {}", deleted, workDir);
        }
        Path markers = workDir.resolve(MARKER_DIR);
        if (!Files.isDirectory(markers)) {
            return;
        }
        try (DirectoryStream<Path> left = Files.newDirectoryStream(markers)) {
            for (Path marker : left) {
                String[] lines = Files.readString(marker).split("\n");
                int attempts = lines.length > 1 && lines[1].strip().matches("\\d{1,6}")
                        ? Integer.parseInt(lines[1].strip())
                        : MAX_EXTRACTION_ATTEMPTS;
                crashed.put(lines[0], attempts);
                leftMarkers.put(lines[0], marker);
                log.error(
                        "a crawler process died while extracting announcement {} ({} time(s)){}",
                        LogText.escape(lines[0]),
                        attempts,
                        attempts >= MAX_EXTRACTION_ATTEMPTS
                                ? ": it will be published as FAILED (EXTRACTION_CRASHED), not read again"
                                : ": it is read once more");
            }
        } catch (IOException e) {
            log.warn("cannot read extraction markers in {}: {}", markers, e.toString());
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }
}
