package io.pilu.ingest.crawl;

import io.pilu.ingest.document.ExtractionBudget;
import io.pilu.ingest.http.BseClientConfig;
import io.pilu.ingest.listing.ListingEndpoint;
import io.pilu.ingest.listing.ListingFilter;
import io.pilu.model.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What {@code pilu crawl} and {@code pilu backfill} share: where the exchange and Kafka are, what one document may
 * cost, and which announcements to take ({@code io.pilu.ingest.cli.CrawlOptions} maps flags and {@code PILU_CRAWL_*}
 * variables onto it).
 *
 * @param bootstrapServers   Kafka bootstrap servers (unused with {@code dryRun})
 * @param topics             the topic catalogue (raw and crawler-state topics)
 * @param replicationFactor  for the topics the crawler creates
 * @param client             the exchange client: base URL, timeouts, rate, retries, response budgets
 * @param budget             what reading one document may cost
 * @param workDir            where documents are spooled while they are read
 * @param endpoint           the listing endpoint tried first
 * @param fallbackEndpoint   whether a failing endpoint gives way to the other for the pass
 * @param transactionalId    the Kafka transactional id (one per concurrently running crawler)
 * @param transactionTimeout Kafka transaction.timeout.ms
 * @param dryRun             JSON lines on stdout instead of Kafka
 * @param filter             company codes, keyword and type codes (the dates are each crawl's own)
 */
public record CrawlerSettings(
        String bootstrapServers,
        Topics topics,
        short replicationFactor,
        BseClientConfig client,
        ExtractionBudget budget,
        Path workDir,
        ListingEndpoint endpoint,
        boolean fallbackEndpoint,
        String transactionalId,
        Duration transactionTimeout,
        boolean dryRun,
        ListingFilter filter) {

    public CrawlerSettings {
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(filter, "filter");
        if (!dryRun) {
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        }
    }

    /** The same, publishing to {@code servers} ({@code pilu local}'s broker). */
    public CrawlerSettings withBootstrapServers(String servers) {
        return new CrawlerSettings(
                servers,
                topics,
                replicationFactor,
                client,
                budget,
                workDir,
                endpoint,
                fallbackEndpoint,
                transactionalId,
                transactionTimeout,
                dryRun,
                filter);
    }

    /** The same, spooling documents under {@code dir}. */
    public CrawlerSettings withWorkDir(Path dir) {
        return new CrawlerSettings(
                bootstrapServers,
                topics,
                replicationFactor,
                client,
                budget,
                dir,
                endpoint,
                fallbackEndpoint,
                transactionalId,
                transactionTimeout,
                dryRun,
                filter);
    }

    /** The filter restricted to {@code from}..{@code to} (either may be null: open). */
    public ListingFilter filter(LocalDate from, LocalDate to) {
        return filter.withDates(from, to);
    }

    /** key=value words for the start-up log line. */
    public List<String> describe() {
        return List.of(
                "base_url=" + client.baseUrl(),
                "endpoint=" + endpoint,
                "fallback=" + fallbackEndpoint,
                "rate_limit=" + client.requestsPerSecond(),
                "max_document_bytes=" + client.maxDocumentBytes(),
                "max_text_chars=" + budget.maxTextChars(),
                "request_deadline=" + client.requestDeadline().toSeconds() + "s",
                "dry_run=" + dryRun,
                dryRun ? "kafka=none" : "kafka=" + bootstrapServers,
                "topics=" + topics.raw() + "," + topics.crawlerState(),
                "transactional_id=" + transactionalId);
    }
}
