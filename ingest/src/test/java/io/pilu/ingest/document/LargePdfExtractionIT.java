package io.pilu.ingest.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilu.ingest.fixture.ChildJvm;
import io.pilu.ingest.fixture.ExtractMain;
import io.pilu.ingest.fixture.TestPdfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A 50 MB, 500-page Chinese PDF extracts in a JVM limited to a 256 MB heap (temp-file stream cache). */
class LargePdfExtractionIT {

    @Test
    void fiftyMegabyteFiveHundredPagePdfExtractsWithA256MbHeap() throws Exception {
        Path pdf = Path.of("target", "it-data", "large-500p.pdf");
        if (!Files.exists(pdf)) {
            Files.createDirectories(pdf.getParent());
            TestPdfs.writeLargePdf(pdf, 500, 100_000);
        }
        assertThat(Files.size(pdf)).isGreaterThan(50L * 1000 * 1000);

        Path log = Path.of("target", "it-logs", "large-pdf-extract.log");
        Process p = ChildJvm.start(ExtractMain.class, List.of("-Xmx256m"), List.of(pdf.toString()), log);
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        String out = ChildJvm.output(log);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("pages=500 ");
        assertThat(Long.parseLong(out.replaceAll("(?s).*heapMaxMb=(\\d+).*", "$1")))
                .isLessThanOrEqualTo(256);
        long chars = Long.parseLong(out.replaceAll("(?s).*chars=(\\d+).*", "$1"));
        assertThat(chars).as("text of 500 pages of 20 lines").isGreaterThan(500L * 20 * 10);
    }
}
