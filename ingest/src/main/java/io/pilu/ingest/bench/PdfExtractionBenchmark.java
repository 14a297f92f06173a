package io.pilu.ingest.bench;

import io.pilu.ingest.document.DocumentExtractionException;
import io.pilu.ingest.document.DocumentTextExtractor;
import io.pilu.ingest.document.ExtractedText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code pilu bench extract-pdf DIR [ITERATIONS]}: measures text extraction throughput (pages/s) of Pilu's
 * {@link DocumentTextExtractor} (PDFBox + Chinese cleaning) over every PDF in DIR, and, when poppler's
 * {@code pdftotext} is on the PATH, of {@code pdftotext} on the same files (one process per file, as a batch job would
 * run it), with the ratio. Target: Pilu at least 50 % of pdftotext. Each file is extracted once to warm up the JIT
 * before the timed iterations (default 3).
 */
public final class PdfExtractionBenchmark {

    private PdfExtractionBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: PdfExtractionBenchmark DIR [ITERATIONS]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<Path> pdfs;
        try (Stream<Path> files = Files.list(dir)) {
            pdfs = files.filter(p ->
                            p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pdf"))
                    .sorted()
                    .toList();
        }
        if (pdfs.isEmpty()) {
            System.err.println("no .pdf files in " + dir);
            System.exit(2);
        }
        DocumentTextExtractor extractor = new DocumentTextExtractor();
        long pages = 0;
        long bytes = 0;
        for (Path pdf : pdfs) { // warm-up, and the page count
            ExtractedText t = extract(extractor, pdf);
            pages += t.pageCount();
            bytes += Files.size(pdf);
        }
        System.out.printf(
                Locale.ROOT,
                "%d PDFs, %d pages, %.1f MB, %d timed iterations%n",
                pdfs.size(),
                pages,
                bytes / 1e6,
                iterations);

        long start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            for (Path pdf : pdfs) {
                extract(extractor, pdf);
            }
        }
        double piluSeconds = (System.nanoTime() - start) / 1e9;
        double piluRate = pages * iterations / piluSeconds;
        System.out.printf(Locale.ROOT, "pilu (PDFBox 3 + cleaning): %.1f pages/s (%.2f s)%n", piluRate, piluSeconds);

        if (!pdftotextAvailable()) {
            System.out.println("pdftotext: not on PATH (Debian package poppler-utils); no comparison");
            return;
        }
        start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            for (Path pdf : pdfs) {
                pdftotext(pdf);
            }
        }
        double popplerSeconds = (System.nanoTime() - start) / 1e9;
        double popplerRate = pages * iterations / popplerSeconds;
        double ratio = piluRate / popplerRate;
        System.out.printf(
                Locale.ROOT, "pdftotext (poppler):        %.1f pages/s (%.2f s)%n", popplerRate, popplerSeconds);
        System.out.printf(
                Locale.ROOT,
                "ratio pilu/pdftotext: %.0f %% (target >= 50 %%: %s)%n",
                ratio * 100,
                ratio >= 0.5 ? "met" : "NOT met");
    }

    private static ExtractedText extract(DocumentTextExtractor extractor, Path pdf) {
        try {
            return extractor.extract(pdf, "pdf");
        } catch (DocumentExtractionException e) {
            throw new IllegalStateException(pdf + ": " + e.getMessage(), e);
        }
    }

    private static boolean pdftotextAvailable() {
        try {
            Process p = new ProcessBuilder("pdftotext", "-v")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void pdftotext(Path pdf) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("pdftotext", "-enc", "UTF-8", pdf.toString(), "-").start();
        try (InputStream out = p.getInputStream()) {
            out.transferTo(java.io.OutputStream.nullOutputStream());
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException("pdftotext failed on " + pdf + ": "
                    + new String(p.getErrorStream().readAllBytes()));
        }
    }
}
