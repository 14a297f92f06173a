package io.pilu.ingest.document;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * PDF text through Apache PDFBox 3, page by page, then {@link ChineseTextCleaner}.
 *
 * <p>Memory: the file is read through a buffered random-access file (never loaded whole) and PDFBox's scratch
 * streams go to a temp file ({@link IOUtils#createTempFileOnlyStreamCache()}), so a 50 MB, 500-page announcement
 * extracts in a 256 MB heap; only the text itself is held in memory.
 */
final class PdfTextExtractor {

    /**
     * Marks the end of a page in the stripper's output. A private-use code point cannot occur in the text of a
     * document we can read, so splitting on it is exact.
     */
    private static final String PAGE_END = "\uE000\n";

    private final ChineseTextCleaner cleaner;

    PdfTextExtractor(ChineseTextCleaner cleaner) {
        this.cleaner = cleaner;
    }

    ExtractedText extract(Path file) throws DocumentExtractionException {
        try (PDDocument document = Loader.loadPDF(new RandomAccessReadBufferedFile(file.toFile()), "",
                IOUtils.createTempFileOnlyStreamCache())) {
            int pageCount = document.getNumberOfPages();
            PDFTextStripper stripper = new PDFTextStripper();
            // Reading order of a Chinese announcement is top-to-bottom; sorting by position undoes content streams
            // that draw headers or table cells out of order.
            stripper.setSortByPosition(true);
            stripper.setLineSeparator("\n");
            stripper.setPageEnd(PAGE_END);
            String all = stripper.getText(document);
            List<String> pages = new ArrayList<>(pageCount);
            for (String page : all.split(PAGE_END, -1)) {
                pages.add(page);
            }
            if (pages.size() > pageCount) {
                pages.remove(pages.size() - 1); // the split leaves an empty tail after the last page marker
            }
            String text = cleaner.clean(pages);
            if (text.isBlank() && pageCount > 0) {
                throw new DocumentExtractionException(DocumentExtractionException.Kind.NO_TEXT,
                        "PDF has " + pageCount + " page(s) but no text layer (a scanned image?)");
            }
            return new ExtractedText(text, pageCount);
        } catch (InvalidPasswordException e) {
            throw new DocumentExtractionException(DocumentExtractionException.Kind.ENCRYPTED,
                    "PDF is encrypted and needs a password to open", e);
        } catch (IOException | RuntimeException e) {
            // PDFBox reports damage as IOException, and some malformed structures as runtime exceptions
            // (ClassCast, IllegalArgument...): both mean "this file cannot be read", not a crawler bug.
            throw new DocumentExtractionException(DocumentExtractionException.Kind.UNREADABLE,
                    "not a readable PDF: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
