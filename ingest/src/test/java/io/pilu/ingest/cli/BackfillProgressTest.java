package io.pilu.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilu.ingest.listing.ListingPage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BackfillProgressTest {

    @Test
    void barAndEta() {
        assertThat(BackfillProgress.bar(0, 0, 10)).isEqualTo("[----------]   0%");
        assertThat(BackfillProgress.bar(5, 10, 10)).isEqualTo("[#####-----]  50%");
        assertThat(BackfillProgress.bar(12, 10, 10)).isEqualTo("[##########] 100%");
        assertThat(BackfillProgress.eta(0, 100, Duration.ofSeconds(5))).isEqualTo("?");
        assertThat(BackfillProgress.eta(10, 100, Duration.ofSeconds(20))).isEqualTo("3m0s");
        assertThat(BackfillProgress.eta(1, 100, Duration.ofMinutes(2))).isEqualTo("3h18m");
        assertThat(BackfillProgress.eta(50, 100, Duration.ofSeconds(10))).isEqualTo("10s");
    }

    @Test
    void rendersCountsAndRedrawsInPlaceOnATerminal() {
        AtomicLong now = new AtomicLong();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BackfillProgress progress = new BackfillProgress(new PrintStream(out, true, StandardCharsets.UTF_8), now::get);
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        progress.onListingPage(new ListingPage(List.of(), 0, 5, false, 100));
        progress.onError("listing failed");

        assertThat(progress.line()).isEqualTo("pages 1/5 | announcements 0 | documents 0 | errors 1 | ETA 16s");
        String drawn = out.toString(StandardCharsets.UTF_8);
        assertThat(drawn)
                .startsWith("\r[######------------------------]  20% pages 1/5")
                .doesNotContain("\n");
    }

    @Test
    void withoutATerminalNothingIsDrawn() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BackfillProgress progress = new BackfillProgress(null, System::nanoTime);
        progress.onListingPage(new ListingPage(List.of(), 0, 5, false, 100));
        progress.finish("complete");
        assertThat(out.size()).isZero();
    }
}
