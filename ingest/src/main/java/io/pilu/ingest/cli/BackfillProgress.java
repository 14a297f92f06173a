package io.pilu.ingest.cli;

import io.pilu.ingest.crawl.ProgressListener;
import io.pilu.ingest.listing.ListingPage;
import io.pilu.model.RawAnnouncement;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backfill's progress: a bar redrawn in place on an interactive terminal, or a plain log line every
 * {@value #LOG_EVERY_PAGES} pages (and at the end) when stdout is not a terminal, so CI logs and files stay readable.
 */
final class BackfillProgress implements ProgressListener {

    private static final Logger log = LoggerFactory.getLogger(BackfillProgress.class);
    private static final int LOG_EVERY_PAGES = 10;
    private static final int BAR_WIDTH = 30;

    private final PrintStream terminal; // null: log lines
    private final LongSupplier nanoClock;
    private final long start;
    private int pages;
    private int totalPages;
    private long announcements;
    private long documents;
    private long errors;

    BackfillProgress(PrintStream terminal, LongSupplier nanoClock) {
        this.terminal = terminal;
        this.nanoClock = nanoClock;
        this.start = nanoClock.getAsLong();
    }

    @Override
    public void onListingPage(ListingPage page) {
        pages++;
        announcements += page.items().size();
        // the first page of a pass knows the pass's size; later ones confirm it
        totalPages = Math.max(page.totalPages(), pages);
        if (terminal == null && pages % LOG_EVERY_PAGES == 0) {
            log.info("backfill {}", line());
        }
        redraw();
    }

    @Override
    public void onDocument(RawAnnouncement record) {
        documents++;
        if (record.extraction() == RawAnnouncement.ExtractionStatus.FAILED) {
            errors++;
        }
        redraw();
    }

    @Override
    public void onError(String message) {
        errors++;
        if (terminal != null) {
            terminal.print("\r\033[K"); // clear the bar so the error line is readable
        }
        log.warn("backfill error: {}", message);
        redraw();
    }

    void finish(String outcome) {
        if (terminal != null) {
            redraw();
            terminal.println();
        }
        log.info("backfill {}: {}", outcome, line());
    }

    private void redraw() {
        if (terminal != null) {
            terminal.print("\r" + bar(pages, totalPages, BAR_WIDTH) + " " + line() + "\033[K");
            terminal.flush();
        }
    }

    String line() {
        return render(
                pages, totalPages, announcements, documents, errors, Duration.ofNanos(nanoClock.getAsLong() - start));
    }

    /** The status text, e.g. {@code pages 12/340 | announcements 240 | documents 236 | errors 1 | ETA 4m10s}. */
    static String render(int pages, int totalPages, long announcements, long documents, long errors, Duration elapsed) {
        return "pages " + pages + "/" + (totalPages == 0 ? "?" : totalPages) + " | announcements " + announcements
                + " | documents " + documents + " | errors " + errors + " | ETA " + eta(pages, totalPages, elapsed);
    }

    /** Remaining time at the rate so far; "?" until a page is done. */
    static String eta(int pages, int totalPages, Duration elapsed) {
        if (pages == 0 || totalPages == 0) {
            return "?";
        }
        long remaining = elapsed.toMillis() * Math.max(0, totalPages - pages) / pages;
        Duration d = Duration.ofMillis(remaining);
        if (d.toHours() > 0) {
            return d.toHours() + "h" + d.toMinutesPart() + "m";
        }
        return d.toMinutes() > 0 ? d.toMinutes() + "m" + d.toSecondsPart() + "s" : d.toSeconds() + "s";
    }

    /** {@code [#######-------]  47%}. */
    static String bar(int done, int total, int width) {
        int pct = total == 0 ? 0 : (int) Math.min(100, 100L * done / total);
        int filled = width * pct / 100;
        return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "] " + String.format("%3d%%", pct);
    }
}
