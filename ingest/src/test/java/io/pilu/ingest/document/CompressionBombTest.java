package io.pilu.ingest.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pilu.ingest.fixture.HostilePayloads;
import io.pilu.ingest.fixture.HostilePayloads.BombSite;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Flate bombs in the streams PDFBox decodes on its own, before or beside the page check: object streams and the
 * cross-reference stream (decoded while the document loads), a font program, a content stream labelled as an image.
 * The budgets are small here (1 MiB a stream) so the bombs are cheap to build; each kind is also shown to extract
 * when it is under the budget, so a refusal is about the size and not about a malformed test file.
 */
class CompressionBombTest {

    private static final long STREAM_CAP = 1L << 20;
    private static final ExtractionBudget SMALL =
            ExtractionBudget.defaults().withMaxDecodedBytes(STREAM_CAP, 64L << 20);

    @TempDir
    Path dir;

    private final DocumentTextExtractor extractor = new DocumentTextExtractor(SMALL);

    @ParameterizedTest
    @EnumSource(
            value = BombSite.class,
            names = {"OBJECT_STREAM", "XREF_STREAM", "FONT_FILE", "IMAGE"})
    void eachKindExtractsWhenItsStreamIsUnderTheBudget(BombSite site) throws Exception {
        Path pdf = bomb(site, 200_000);

        ExtractedText text = extractor.extract(pdf, "pdf");

        assertThat(text.text()).isEqualTo("Hello bomb");
        assertThat(text.pageCount()).isEqualTo(1);
    }

    @Test
    void anObjectStreamInflatingPastTheBudgetIsRefusedWhileTheDocumentLoads() throws Exception {
        assertRefused(bomb(BombSite.OBJECT_STREAM, 8L << 20), "an object stream decodes to more than 1048576 bytes");
    }

    @Test
    void anEncryptedObjectStreamIsCountedAfterPdfBoxDecryptsIt() throws Exception {
        // RC4 with an empty user password: PDFBox opens it, a scan of the raw file would see no Flate data
        Path small = dir.resolve("enc-small.pdf");
        HostilePayloads.writeBombPdf(small, BombSite.OBJECT_STREAM, 200_000, true);
        assertThat(extractor.extract(small, "pdf").text()).isEqualTo("Hello bomb");

        Path bomb = dir.resolve("enc-bomb.pdf");
        HostilePayloads.writeBombPdf(bomb, BombSite.OBJECT_STREAM, 8L << 20, true);
        assertRefused(bomb, "an object stream decodes to more than 1048576 bytes");
    }

    @Test
    void anObjectStreamFoundWhileRebuildingADamagedFileIsCounted() throws Exception {
        // a wrong startxref offset: PDFBox searches the file for objects and object streams and decodes those
        for (long size : new long[] {200_000, 8L << 20}) {
            Path pdf = bomb(BombSite.OBJECT_STREAM, size);
            String raw = Files.readString(pdf, StandardCharsets.ISO_8859_1);
            int at = raw.lastIndexOf("startxref\n") + "startxref\n".length();
            Files.writeString(
                    pdf,
                    raw.substring(0, at) + "12345" + raw.substring(raw.indexOf('\n', at)),
                    StandardCharsets.ISO_8859_1);
            if (size < STREAM_CAP) {
                assertThat(extractor.extract(pdf, "pdf").text()).isEqualTo("Hello bomb");
            } else {
                assertRefused(pdf, "an object stream decodes to more than 1048576 bytes");
            }
        }
    }

    @Test
    void aCrossReferenceStreamInflatingPastTheBudgetIsRefused() throws Exception {
        assertRefused(
                bomb(BombSite.XREF_STREAM, 8L << 20), "a cross-reference stream decodes to more than 1048576 bytes");
    }

    @Test
    void aFontProgramInflatingPastTheBudgetIsRefused() throws Exception {
        assertRefused(bomb(BombSite.FONT_FILE, 8L << 20), "decodes to more than 1048576 bytes");
    }

    @Test
    void aContentStreamClaimingToBeAnImageIsStillChecked() throws Exception {
        // one string as long as the stream: PDFBox streams a lone Flate content stream but buffers each token
        assertRefused(bomb(BombSite.CONTENT_LABELLED_IMAGE, 8L << 20), "decodes to more than 1048576 bytes");
    }

    @Test
    void anImageTheTextNeverNeedsIsNotDecoded() throws Exception {
        // 64 times the stream budget: text extraction skips images, so it does not count against any budget
        ExtractedText text = extractor.extract(bomb(BombSite.IMAGE, 64L << 20), "pdf");

        assertThat(text.text()).isEqualTo("Hello bomb");
    }

    @Test
    void streamsUnderTheStreamBudgetStillCountAgainstTheDocumentBudget() throws Exception {
        Path pdf = bomb(BombSite.OBJECT_STREAM, 600_000);
        DocumentTextExtractor tight =
                new DocumentTextExtractor(ExtractionBudget.defaults().withMaxDecodedBytes(STREAM_CAP, 500_000));

        DocumentExtractionException e =
                catchThrowableOfType(DocumentExtractionException.class, () -> tight.extract(pdf, "pdf"));

        assertThat(e.kind()).isEqualTo(DocumentExtractionException.Kind.TEXT_BUDGET_EXCEEDED);
        assertThat(e.getMessage())
                .isEqualTo("TEXT_BUDGET_EXCEEDED: its streams decode to more than 500000 bytes in all");
    }

    @Test
    void anObjectStreamInflatingToSixtyFourMegabytesIsRefusedUnderTheDefaultBudget() throws Exception {
        // 64 MiB of zeros after the objects: over the default 32 MiB, about 64 KB in the file
        Path pdf = bomb(BombSite.OBJECT_STREAM, 64L << 20);
        assertThat(Files.size(pdf)).isLessThan(100_000);

        DocumentExtractionException e = catchThrowableOfType(
                DocumentExtractionException.class, () -> new DocumentTextExtractor().extract(pdf, "pdf"));

        assertThat(e.kind()).isEqualTo(DocumentExtractionException.Kind.TEXT_BUDGET_EXCEEDED);
        assertThat(e.getMessage())
                .isEqualTo("TEXT_BUDGET_EXCEEDED: an object stream decodes to more than "
                        + ExtractionBudget.DEFAULT_MAX_DECODED_STREAM_BYTES + " bytes");
    }

    @Test
    void theNextDocumentOnTheSameThreadExtractsNormally() throws Exception {
        Path bomb = bomb(BombSite.OBJECT_STREAM, 8L << 20);
        Path good = Files.write(dir.resolve("good.pdf"), HostilePayloads.asciiPdf("after the bomb"));
        catchThrowableOfType(DocumentExtractionException.class, () -> extractor.extract(bomb, "pdf"));

        assertThat(extractor.extract(good, "pdf").text()).isEqualTo("after the bomb");
    }

    @Test
    void outsideAnExtractionPdfBoxDecodesWithoutLimit() throws Exception {
        assertThat(DecodeGuard.installed()).isTrue();
        byte[] zeros = new byte[4 << 20]; // over the 1 MiB budget of the extractions above
        try (COSStream stream = new COSStream()) {
            try (OutputStream out = stream.createOutputStream(COSName.FLATE_DECODE)) {
                out.write(zeros);
            }
            try (InputStream in = stream.createInputStream()) {
                assertThat(in.readAllBytes()).hasSize(zeros.length);
            }
        }
    }

    private Path bomb(BombSite site, long decodedBytes) {
        Path pdf = dir.resolve(site + "-" + decodedBytes + ".pdf");
        HostilePayloads.writeBombPdf(pdf, site, decodedBytes);
        return pdf;
    }

    private void assertRefused(Path pdf, String reason) {
        DocumentExtractionException e =
                catchThrowableOfType(DocumentExtractionException.class, () -> extractor.extract(pdf, "pdf"));

        assertThat(e).as("refused").isNotNull();
        assertThat(e.kind()).isEqualTo(DocumentExtractionException.Kind.TEXT_BUDGET_EXCEEDED);
        assertThat(e.getMessage()).startsWith("TEXT_BUDGET_EXCEEDED").endsWith(reason);
    }
}
