package io.pilu.enrich.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The benchmark runs from main resources and reports what it counted; speed itself is not asserted here. */
class ExtractionBenchmarkTest {

    @Test
    void theSampleIsTheSeedRecord() throws IOException {
        try (InputStream seed = getClass().getResourceAsStream("/fixtures/bse-seed-bingxing-2024-06-17.txt")) {
            assertThat(ExtractionBenchmark.sampleText())
                    .isEqualTo(new String(seed.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aShortRunCountsDocumentsOverTheMeasuredTime() {
        ExtractionBenchmark.Result r = ExtractionBenchmark.measure(0, 1);
        assertThat(r.documents()).isPositive();
        assertThat(r.seconds()).isGreaterThanOrEqualTo(1.0);
        assertThat(r.docsPerSecond()).isEqualTo(r.documents() / r.seconds());
        assertThat(r.cpuSeconds()).isPositive().isLessThanOrEqualTo(r.seconds() + 0.1);
        assertThat(r.docsPerCpuSecond()).isGreaterThanOrEqualTo(r.docsPerSecond() * 0.9);
        assertThat(r.describe())
                .startsWith("enrich: ")
                .contains("docs/s")
                .contains(r.documents() + " documents")
                .contains("docs per CPU-second");
    }

    @Test
    void invalidDurationsAreRejected() {
        assertThatThrownBy(() -> ExtractionBenchmark.measure(-1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExtractionBenchmark.measure(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
