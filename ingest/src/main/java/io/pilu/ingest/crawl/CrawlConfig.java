package io.pilu.ingest.crawl;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Everything the incremental crawl ({@link CrawlService}, {@code pilu crawl}) is configured with
 * ({@code io.pilu.ingest.cli.CrawlCommand} maps flags and {@code PILU_CRAWL_*} variables onto it).
 *
 * @param crawler             what crawl and backfill share
 * @param once                one poll, then stop
 * @param pollInterval        pause between polls
 * @param from                oldest publish date (null: a fresh checkpoint starts {@code initialLookbackDays} back)
 * @param to                  newest publish date (null: open)
 * @param initialLookbackDays without a checkpoint and without {@code from}, start this many days back
 * @param retainDays          late listings up to this many days before the newest seen are still picked up
 * @param maxPagesPerPoll     listing pages one poll may read
 * @param pollDeadline        longest poll
 * @param seenIdsMax          cap on the checkpoint's recently-seen ids
 */
public record CrawlConfig(
        CrawlerSettings crawler,
        boolean once,
        Duration pollInterval,
        LocalDate from,
        LocalDate to,
        int initialLookbackDays,
        int retainDays,
        int maxPagesPerPoll,
        Duration pollDeadline,
        int seenIdsMax) {

    public CrawlConfig {
        Objects.requireNonNull(crawler, "crawler");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(pollDeadline, "pollDeadline");
    }

    /** The same, publishing to {@code servers} and spooling under {@code workDir} ({@code pilu local}). */
    public CrawlConfig on(String servers, Path workDir) {
        return new CrawlConfig(
                crawler.withBootstrapServers(servers).withWorkDir(workDir),
                once,
                pollInterval,
                from,
                to,
                initialLookbackDays,
                retainDays,
                maxPagesPerPoll,
                pollDeadline,
                seenIdsMax);
    }
}
