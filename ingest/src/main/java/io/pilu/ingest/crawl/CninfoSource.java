package io.pilu.ingest.crawl;

import io.pilu.ingest.CrawlMetrics;
import io.pilu.ingest.Refusal;
import io.pilu.ingest.cninfo.CninfoAnnouncement;
import io.pilu.ingest.cninfo.CninfoBlockedException;
import io.pilu.ingest.cninfo.CninfoClient;
import io.pilu.ingest.cninfo.CninfoPage;
import io.pilu.ingest.cninfo.CninfoQuery;
import io.pilu.ingest.cninfo.CninfoUnknownCodeException;
import io.pilu.ingest.http.DocumentDownloadException;
import io.pilu.ingest.http.DownloadedDocument;
import io.pilu.ingest.http.HttpFailureException;
import io.pilu.ingest.http.RefusedDocumentException;
import io.pilu.ingest.listing.Disclosure;
import io.pilu.ingest.listing.ListingPage;
import io.pilu.ingest.listing.ListingSchemaException;
import io.pilu.service.LogText;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * cninfo.com.cn as a crawl source: its announcement query, rows mapped to {@link Disclosure}s (id
 * {@code cninfo-<announcementId>}, exchange by {@link CninfoExchanges}), and its documents, fetched from the document
 * host only. Company codes are turned into the {@code code,orgId} pairs the query needs through the client's cached
 * stock list, never built from the code.
 */
public final class CninfoSource implements ListingSource<CninfoQuery>, DocumentSource {

    private static final Logger log = LoggerFactory.getLogger(CninfoSource.class);
    /** How cninfo ids are told apart from other sources' (README, Topics). */
    public static final String ID_PREFIX = "cninfo-";

    private final CninfoClient client;
    private final CrawlMetrics metrics;
    private final Set<String> companyCodes;

    public CninfoSource(CninfoClient client, CrawlMetrics metrics, Set<String> companyCodes) {
        this.client = client;
        this.metrics = metrics;
        this.companyCodes = Set.copyOf(companyCodes);
    }

    /** The record id of a cninfo announcement. */
    public static String id(String announcementId) {
        return ID_PREFIX + announcementId;
    }

    @Override
    public String name() {
        return CrawlMetrics.CNINFO;
    }

    @Override
    public ListingPage list(PageRequest<CninfoQuery> request) throws ListingException, InterruptedException {
        CninfoQuery query = request.query();
        try {
            if (!companyCodes.isEmpty()) {
                query = query.withStocks(client.orgIds(companyCodes));
            }
            CninfoPage page = client.query(query, request.page() + 1);
            return toListing(query.column(), page, request.page());
        } catch (CninfoBlockedException e) {
            throw ListingException.blocked(
                    "cninfo blocks the crawler (" + e.endpoint() + ", HTTP " + e.status() + ") on " + describe(request)
                            + ": " + LogText.escape(e.getMessage()),
                    e);
        } catch (CninfoUnknownCodeException e) {
            throw ListingException.failed("--company-codes: " + e.getMessage(), e);
        } catch (ListingSchemaException | HttpFailureException e) {
            String what = (e instanceof ListingSchemaException ? "listing schema error" : "listing failed") + " on "
                    + describe(request) + ": " + LogText.escape(e.getMessage());
            throw ListingException.failed(what, e);
        }
    }

    /** The page as the crawl loop reads it; rows whose exchange the rule does not give are refused and counted. */
    ListingPage toListing(String column, CninfoPage page, int number) {
        List<Disclosure> items = new ArrayList<>(page.announcements().size());
        for (CninfoAnnouncement a : page.announcements()) {
            Optional<String> exchange = CninfoExchanges.of(column, a.secCode());
            if (exchange.isEmpty()) {
                metrics.refused(Refusal.UNKNOWN_EXCHANGE);
                log.warn(
                        "refused cninfo announcement {} ({} {}): no exchange for code {} in column {} (README, "
                                + "Sources)",
                        LogText.escape(a.announcementId()),
                        LogText.escape(a.secCode()),
                        LogText.escape(a.title()),
                        LogText.escape(a.secCode()),
                        column);
                continue;
            }
            items.add(new Disclosure(
                    id(a.announcementId()),
                    a.announcementId(),
                    a.secCode(),
                    a.secName(),
                    a.title(),
                    a.adjunctUrl(),
                    a.publishDate(),
                    a.fileType(),
                    a.announcementTypes(),
                    CrawlMetrics.CNINFO,
                    exchange.get()));
        }
        return new ListingPage(
                items,
                number,
                page.totalpages(),
                !page.hasMore(),
                page.totalAnnouncement(),
                page.totalRecordNum(),
                page.emptyPayload());
    }

    @Override
    public String describe(PageRequest<CninfoQuery> request) {
        CninfoQuery q = request.query();
        return "cninfo " + q.tabName() + "/" + q.column() + (q.category().isEmpty() ? "" : "/" + q.category()) + " "
                + q.seDate() + " page " + (request.page() + 1);
    }

    @Override
    public URI resolve(String listedPath) throws RefusedDocumentException {
        return client.documentUrl(listedPath);
    }

    @Override
    public DownloadedDocument download(URI url, Path dir)
            throws DocumentDownloadException, SourceBlockedException, InterruptedException {
        try {
            return client.download(url.toString(), dir);
        } catch (CninfoBlockedException e) {
            throw new SourceBlockedException("HTTP " + e.status() + ": " + LogText.escape(e.getMessage()), e);
        } catch (RefusedDocumentException e) {
            throw new DocumentDownloadException("refused: " + e.getMessage(), e);
        }
    }

    /** The client's events on the crawl meters (with {@code source=cninfo}). */
    static CninfoClient.Listener listener(CrawlMetrics metrics) {
        return new CninfoClient.Listener() {
            @Override
            public void onRequest(String endpoint, String outcome) {
                metrics.request(endpoint, outcome);
            }

            @Override
            public void onLatency(String endpoint, Duration latency) {
                metrics.latency(endpoint, latency);
            }

            @Override
            public void onDroppedScriptRows(int rows) {
                metrics.scriptRowsDropped(rows);
            }

            @Override
            public void onSchemaError(String endpoint, String kind) {
                metrics.schemaError(endpoint);
            }

            @Override
            public void onRefused(Refusal reason) {
                metrics.refused(reason);
            }

            @Override
            public void onDocumentRefused() {
                metrics.documentRefused();
            }

            @Override
            public void onBytesDownloaded(long bytes) {
                metrics.bytesDownloaded(bytes);
            }
            // onBlocked: counted once, by the crawl loop, for listings and documents alike
        };
    }
}
