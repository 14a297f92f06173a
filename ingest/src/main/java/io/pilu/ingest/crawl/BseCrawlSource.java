package io.pilu.ingest.crawl;

import io.pilu.ingest.CrawlMetrics;
import io.pilu.ingest.http.BseClient;
import io.pilu.ingest.http.BseClientConfig;
import io.pilu.ingest.listing.ListingEndpoint;
import io.pilu.ingest.listing.ListingFilter;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * bse.cn as a crawl source ({@code --source bse}).
 *
 * @param client           the exchange client: base URL, timeouts, rate, retries, response budgets
 * @param endpoint         the listing endpoint tried first
 * @param fallbackEndpoint whether a failing endpoint gives way to the other for the pass
 * @param filter           company codes, keyword and type codes (the dates are each crawl's own)
 */
public record BseCrawlSource(
        BseClientConfig client, ListingEndpoint endpoint, boolean fallbackEndpoint, ListingFilter filter)
        implements CrawlSource<ListingFilter> {

    public BseCrawlSource {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(filter, "filter");
    }

    @Override
    public String name() {
        return CrawlMetrics.BSE;
    }

    @Override
    public Opened<ListingFilter> open(CrawlMetrics metrics) {
        BseClient c = new BseClient(client, metrics);
        BseSource source = new BseSource(c, endpoint, fallbackEndpoint);
        return new Opened<>(source, source, c);
    }

    @Override
    public Walk<ListingFilter> incremental(
            CrawlCheckpoint committed, LocalDate from, LocalDate to, int retainDays, int seenIdsMax, Clock clock) {
        return new IncrementalWalk(committed, filter.withDates(from, to), retainDays, seenIdsMax, clock);
    }

    @Override
    public Walk<ListingFilter> backfill(BackfillCheckpoint committed, LocalDate from, LocalDate to, Clock clock) {
        return new BackfillWalk(committed, filter.withDates(from, to), clock);
    }

    @Override
    public java.nio.file.Path workDir(java.nio.file.Path root) {
        return root;
    }

    @Override
    public List<String> describe() {
        return List.of(
                "source=" + name(),
                "base_url=" + client.baseUrl(),
                "endpoint=" + endpoint,
                "fallback=" + fallbackEndpoint,
                "rate_limit=" + client.requestsPerSecond(),
                "max_document_bytes=" + client.maxDocumentBytes(),
                "request_deadline=" + client.requestDeadline().toSeconds() + "s");
    }
}
