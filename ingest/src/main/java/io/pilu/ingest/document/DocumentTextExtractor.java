package io.pilu.ingest.document;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Extracts the text of an announcement document (PDF through PDFBox, HTML through jsoup), cleaned for Chinese.
 * The one entry point for the crawler and for {@code pilu extract FILE}. Thread-safe and stateless.
 *
 * <pre>{@code
 * ExtractedText t = new DocumentTextExtractor().extract(Path.of("a.pdf"), "pdf");
 * }</pre>
 */
public final class DocumentTextExtractor {

    private final PdfTextExtractor pdf;
    private final HtmlTextExtractor html;
    private final ExtractionBudget budget;

    /** With the default {@link ExtractionBudget}. */
    public DocumentTextExtractor() {
        this(ExtractionBudget.defaults());
    }

    public DocumentTextExtractor(ExtractionBudget budget) {
        ChineseTextCleaner cleaner = new ChineseTextCleaner();
        this.pdf = new PdfTextExtractor(cleaner);
        this.html = new HtmlTextExtractor(cleaner);
        this.budget = budget;
    }

    public ExtractionBudget budget() {
        return budget;
    }

    /** Whether {@code fileType} (an extension such as {@code pdf}, any case) has an extractor. */
    public static boolean supports(String fileType) {
        return switch (normalize(fileType)) {
            case "pdf", "html", "htm" -> true;
            default -> false;
        };
    }

    /** The file type to use for {@code file} when none is declared: its extension, lower-case. */
    public static String fileTypeOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /**
     * Extracts the text of {@code file} read as {@code fileType}.
     *
     * @throws DocumentExtractionException with a human reason when the type is unsupported or the file is corrupt,
     *                                     encrypted, has no text or is over the budget
     */
    public ExtractedText extract(Path file, String fileType) throws DocumentExtractionException {
        return switch (normalize(fileType)) {
            case "pdf" -> pdf.extract(file, budget);
            case "html", "htm" -> html.extract(file, budget);
            default -> throw unsupported(fileType);
        };
    }

    private static DocumentExtractionException unsupported(String fileType) {
        return new DocumentExtractionException(
                DocumentExtractionException.Kind.UNSUPPORTED_TYPE,
                "no text extractor for file type '" + fileType + "' (supported: pdf, html)");
    }

    /**
     * Extracts from a stream. PDF needs random access, so the stream is spooled to a temp file first (deleted
     * afterwards); the caller closes {@code in}.
     */
    public ExtractedText extract(InputStream in, String fileType) throws DocumentExtractionException {
        if (!supports(fileType)) {
            throw unsupported(fileType);
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile("pilu-doc-", "." + normalize(fileType));
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            return extract(tmp, fileType);
        } catch (IOException e) {
            throw new DocumentExtractionException(
                    DocumentExtractionException.Kind.UNREADABLE,
                    "cannot read the document stream: " + e.getMessage(),
                    e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    tmp.toFile().deleteOnExit(); // never let cleanup failure replace the extraction result
                }
            }
        }
    }

    private static String normalize(String fileType) {
        return fileType == null ? "" : fileType.trim().toLowerCase(Locale.ROOT).replaceFirst("^\\.", "");
    }
}
