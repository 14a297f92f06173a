package io.pilu.ingest.crawl;

import io.pilu.ingest.CrawlMetrics;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * What one source ({@code bse}, {@code cninfo}) brings to a crawl: its client, its listing and document access, and
 * its walks. Everything else ({@link Crawler}, {@link AnnouncementFetcher}, the publisher, {@link CrawlService},
 * {@code pilu backfill}) is shared.
 *
 * @param <Q> the source's query type
 */
public interface CrawlSource<Q> {

    /** The source's name: its state key, metric label and the records' {@code source}. */
    String name();

    /** Opens the source's client (closed with the returned value). */
    Opened<Q> open(CrawlMetrics metrics);

    /**
     * The incremental walk from {@code committed} (the checkpoint under key {@link #name()}).
     *
     * @param from oldest publish date to take (null: the checkpoint's floor)
     * @param to   newest publish date to take (null: open)
     */
    Walk<Q> incremental(
            CrawlCheckpoint committed, LocalDate from, LocalDate to, int retainDays, int seenIdsMax, Clock clock);

    /** The backfill of {@code from..to} (both inclusive) from {@code committed}. */
    Walk<Q> backfill(BackfillCheckpoint committed, LocalDate from, LocalDate to, Clock clock);

    /**
     * Where this source spools documents and keeps its crash markers under the configured work directory: each
     * crawler clears its own directory's stale spool files at start, so two sources must not share one. bse.cn keeps
     * the directory itself (as before there was a second source); others use a subdirectory named after them.
     */
    default java.nio.file.Path workDir(java.nio.file.Path root) {
        return root.resolve(name());
    }

    /** key=value words for the start-up log line. */
    List<String> describe();

    /** An opened source: its listing, its documents, and what to close. */
    record Opened<Q>(ListingSource<Q> listing, DocumentSource documents, AutoCloseable client) {}
}
