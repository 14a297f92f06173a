package io.pilu.ingest.crawl;

import io.pilu.ingest.CrawlMetrics;
import io.pilu.ingest.http.BseClient;
import io.pilu.ingest.http.DocumentDownloadException;
import io.pilu.ingest.http.DocumentUrlGuard;
import io.pilu.ingest.http.DownloadedDocument;
import io.pilu.ingest.http.HttpFailureException;
import io.pilu.ingest.http.RefusedDocumentException;
import io.pilu.ingest.listing.ListingEndpoint;
import io.pilu.ingest.listing.ListingFilter;
import io.pilu.ingest.listing.ListingPage;
import io.pilu.ingest.listing.ListingSchemaException;
import java.net.URI;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * bse.cn as a crawl source: its two listing endpoints, with the fallback from one to the other, and its documents,
 * fetched from the exchange host only ({@link DocumentUrlGuard}).
 *
 * <p>Endpoint fallback: when the configured endpoint fails (schema drift, retries exhausted, 404) the pass switches
 * to the other endpoint once and restarts from page 0, because the two endpoints paginate differently (B groups
 * rows): mixing their page numbers could skip items. Already-published ids are skipped by the walk, so the restart
 * costs listing requests only.
 */
public final class BseSource implements ListingSource<ListingFilter>, DocumentSource {

    private static final Logger log = LoggerFactory.getLogger(BseSource.class);

    private final BseClient client;
    private final DocumentUrlGuard guard;
    private final ListingEndpoint primary;
    private final boolean fallback;
    private ListingEndpoint endpoint;
    private boolean switched;

    public BseSource(BseClient client, ListingEndpoint primary, boolean fallback) {
        this.client = client;
        this.guard = new DocumentUrlGuard(client.config().baseUrl());
        this.primary = primary;
        this.fallback = fallback;
        this.endpoint = primary;
    }

    @Override
    public String name() {
        return CrawlMetrics.BSE;
    }

    @Override
    public void beginPass() {
        endpoint = primary;
        switched = false;
    }

    @Override
    public ListingPage list(PageRequest<ListingFilter> request) throws ListingException, InterruptedException {
        try {
            return client.list(endpoint, request.query(), request.page());
        } catch (ListingSchemaException | HttpFailureException e) {
            String what = (e instanceof ListingSchemaException ? "listing schema error" : "listing failed") + " on "
                    + describe(request) + ": " + io.pilu.service.LogText.escape(e.getMessage());
            throw ListingException.failed(what, e);
        }
    }

    @Override
    public boolean fallBack(String failure) {
        if (!fallback || switched) {
            return false;
        }
        log.error(
                "{}; falling back to {} from page 0", failure, endpoint.other().path());
        endpoint = endpoint.other();
        switched = true;
        return true;
    }

    @Override
    public String describe(PageRequest<ListingFilter> request) {
        return endpoint.path() + " page " + request.page();
    }

    @Override
    public URI resolve(String listedPath) throws RefusedDocumentException {
        return guard.resolve(listedPath);
    }

    @Override
    public DownloadedDocument download(URI url, Path dir) throws DocumentDownloadException, InterruptedException {
        return client.download(url, dir);
    }
}
