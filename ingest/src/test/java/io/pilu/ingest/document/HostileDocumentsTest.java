package io.pilu.ingest.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pilu.ingest.fixture.HostilePayloads;
import io.pilu.ingest.fixture.TestPdfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Documents built to exhaust the extractor end within the {@link ExtractionBudget}, with a typed reason. */
class HostileDocumentsTest {

    @TempDir
    Path dir;

    private final DocumentTextExtractor extractor = new DocumentTextExtractor();

    @Test
    void aSixtyMillionGlyphPdfIsRefusedBeforeItsStreamIsInflated() throws Exception {
        byte[] bomb = HostilePayloads.glyphBombPdf(60_000_000L);
        assertThat(bomb.length).as("small on the wire").isLessThan(200_000);
        Path pdf = Files.write(dir.resolve("bomb.pdf"), bomb);

        DocumentExtractionException e =
                catchThrowableOfType(DocumentExtractionException.class, () -> extractor.extract(pdf, "pdf"));

        assertThat(e.kind()).isEqualTo(DocumentExtractionException.Kind.TEXT_BUDGET_EXCEEDED);
        // its 60 MB content stream is refused before PDFBox inflates it
        assertThat(e.getMessage()).startsWith("TEXT_BUDGET_EXCEEDED").contains("decodes to more than");
    }

    @Test
    void aPageShowingFiveMillionGlyphsFailsOnTheGlyphBudget() throws Exception {
        Path pdf = Files.write(dir.resolve("glyphs.pdf"), HostilePayloads.glyphBombPdf(5_000_000L));

        DocumentExtractionException e =
                catchThrowableOfType(DocumentExtractionException.class, () -> extractor.extract(pdf, "pdf"));

        assertThat(e.kind()).isEqualTo(DocumentExtractionException.Kind.TEXT_BUDGET_EXCEEDED);
        assertThat(e.getMessage()).isEqualTo("TEXT_BUDGET_EXCEEDED: page 1 shows more than 200000 glyphs");
    }

    @Test
    void aPageOfEndlessOperatorsFailsOnTheOperatorBudget() throws Exception {
        // 6 M "q Q" pairs = 12 M operators in 24 MB: under the stream budget, over the operator budget
        Path pdf = Files.write(dir.resolve("ops.pdf"), HostilePayloads.deflateBombPdf(24L * 1024 * 1024));

        DocumentExtractionException e =
                catchThrowableOfType(DocumentExtractionException.class, () -> extractor.extract(pdf, "pdf"));

        assertThat(e.kind()).isEqualTo(DocumentExtractionException.Kind.TEXT_BUDGET_EXCEEDED);
        assertThat(e.getMessage()).contains("operators");
    }

    @Test
    void aStreamInflatingToAGigabyteIsRefusedBeforePdfBoxInflatesIt() throws Exception {
        Path pdf = Files.write(dir.resolve("inflate.pdf"), HostilePayloads.deflateBombPdf(1L << 30));

        DocumentExtractionException e =
                catchThrowableOfType(DocumentExtractionException.class, () -> extractor.extract(pdf, "pdf"));

        assertThat(e.kind()).isEqualTo(DocumentExtractionException.Kind.TEXT_BUDGET_EXCEEDED);
        assertThat(e.getMessage()).contains("decodes to more than");
    }

    @Test
    void aDocumentOverTheTimeBudgetFails() throws Exception {
        Path pdf = Files.write(dir.resolve("slow.pdf"), HostilePayloads.glyphBombPdf(150_000));
        DocumentTextExtractor impatient =
                new DocumentTextExtractor(ExtractionBudget.defaults().withTimeout(Duration.ofNanos(1)));

        DocumentExtractionException e =
                catchThrowableOfType(DocumentExtractionException.class, () -> impatient.extract(pdf, "pdf"));

        assertThat(e.kind()).isEqualTo(DocumentExtractionException.Kind.TEXT_BUDGET_EXCEEDED);
        assertThat(e.getMessage()).contains("longer than");
    }

    @Test
    void textOverTheCharacterBudgetStopsEarlyAndIsMarkedTruncated() throws Exception {
        List<List<String>> pages = new ArrayList<>();
        for (int p = 0; p < 40; p++) {
            List<String> lines = new ArrayList<>();
            for (int l = 0; l < 20; l++) {
                lines.add("第" + p + "页第" + l + "行：公司经营情况良好，收入稳定增长。");
            }
            pages.add(lines);
        }
        Path pdf = dir.resolve("long.pdf");
        TestPdfs.writePdf(pdf, pages, null, false);
        DocumentTextExtractor small =
                new DocumentTextExtractor(ExtractionBudget.defaults().withMaxTextChars(1000));

        ExtractedText text = small.extract(pdf, "pdf");

        assertThat(text.truncated()).isTrue();
        assertThat(text.text()).hasSizeLessThanOrEqualTo(1000).startsWith("第0页第0行");
        assertThat(text.pageCount()).isEqualTo(40);
        assertThat(extractor.extract(pdf, "pdf").truncated())
                .as("under the default budget")
                .isFalse();
    }

    @Test
    void aFortyFiveMegabyteHtmlPageIsRefusedBeforeParsing() throws Exception {
        Path html = dir.resolve("huge.html");
        HostilePayloads.writeHugeHtml(html, 45L * 1024 * 1024);

        DocumentExtractionException e =
                catchThrowableOfType(DocumentExtractionException.class, () -> extractor.extract(html, "html"));

        assertThat(e.kind()).isEqualTo(DocumentExtractionException.Kind.TEXT_BUDGET_EXCEEDED);
        assertThat(e.getMessage()).contains("HTML budget");
    }

    @Test
    void htmlUnderItsBudgetStillExtracts() throws Exception {
        Path html = dir.resolve("ok.html");
        HostilePayloads.writeHugeHtml(html, 200_000);

        ExtractedText text =
                new DocumentTextExtractor(ExtractionBudget.defaults().withMaxTextChars(5000)).extract(html, "html");

        assertThat(text.truncated()).isTrue();
        assertThat(text.text()).startsWith("公司经营情况良好").hasSizeLessThanOrEqualTo(5000);
    }
}
