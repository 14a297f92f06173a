package io.pilu.ingest.crawl;

import io.pilu.ingest.document.ExtractionBudget;
import io.pilu.model.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@code pilu crawl} and {@code pilu backfill} share, whatever the source: where Kafka is, what one document
 * may cost, and the source to read ({@code io.pilu.ingest.cli.CrawlOptions} maps flags and {@code PILU_CRAWL_*}
 * variables onto it).
 *
 * @param bootstrapServers   Kafka bootstrap servers (unused with {@code dryRun})
 * @param topics             the topic catalogue (raw and crawler-state topics)
 * @param replicationFactor  for the topics the crawler creates
 * @param source             the site to crawl, with its client settings and filter
 * @param budget             what reading one document may cost
 * @param workDir            where documents are spooled while they are read
 * @param transactionalId    the Kafka transactional id (one per concurrently running crawler)
 * @param transactionTimeout Kafka transaction.timeout.ms
 * @param dryRun             JSON lines on stdout instead of Kafka
 */
public record CrawlerSettings(
        String bootstrapServers,
        Topics topics,
        short replicationFactor,
        CrawlSource<?> source,
        ExtractionBudget budget,
        Path workDir,
        String transactionalId,
        Duration transactionTimeout,
        boolean dryRun) {

    public CrawlerSettings {
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(transactionalId, "transactionalId");
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
                source,
                budget,
                workDir,
                transactionalId,
                transactionTimeout,
                dryRun);
    }

    /** The same, spooling documents under {@code dir}. */
    public CrawlerSettings withWorkDir(Path dir) {
        return new CrawlerSettings(
                bootstrapServers,
                topics,
                replicationFactor,
                source,
                budget,
                dir,
                transactionalId,
                transactionTimeout,
                dryRun);
    }

    /** key=value words for the start-up log line. */
    public List<String> describe() {
        List<String> words = new ArrayList<>(source.describe());
        words.addAll(List.of(
                "max_text_chars=" + budget.maxTextChars(),
                "dry_run=" + dryRun,
                dryRun ? "kafka=none" : "kafka=" + bootstrapServers,
                "topics=" + topics.raw() + "," + topics.crawlerState(),
                "transactional_id=" + transactionalId));
        return words;
    }
}
