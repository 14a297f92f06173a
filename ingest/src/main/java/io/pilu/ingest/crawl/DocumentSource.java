package io.pilu.ingest.crawl;

import io.pilu.ingest.http.DocumentDownloadException;
import io.pilu.ingest.http.DownloadedDocument;
import io.pilu.ingest.http.RefusedDocumentException;
import java.net.URI;
import java.nio.file.Path;

/** Where a source's documents come from: the one host it may fetch them from, and how. */
public interface DocumentSource {

    /**
     * The document URL of a listing row's path, refused when it would leave the source's document host (SSRF).
     *
     * @throws RefusedDocumentException why the path is not fetched
     */
    URI resolve(String listedPath) throws RefusedDocumentException;

    /**
     * Downloads {@code url} (from {@link #resolve}) to a spool file in {@code dir}, under the size and time caps.
     *
     * @throws DocumentDownloadException the document could not be had (it becomes a FAILED record)
     * @throws SourceBlockedException    the site blocks the crawler: the crawl stops
     */
    DownloadedDocument download(URI url, Path dir)
            throws DocumentDownloadException, SourceBlockedException, InterruptedException;
}
