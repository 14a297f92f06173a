package io.pilu.app;

import io.pilu.enrich.extract.AnnouncementEnricher;
import io.pilu.ingest.document.DocumentExtractionException;
import io.pilu.ingest.document.DocumentTextExtractor;
import io.pilu.ingest.document.ExtractedText;
import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.Json;
import io.pilu.model.RawAnnouncement;
import io.pilu.service.LogText;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pilu extract FILE}: runs the crawler's text extraction and the enrich stage's extraction on one local file
 * and prints the {@link EnrichedAnnouncement} the topology would emit for it, as JSON.
 */
@Command(
        name = "extract",
        mixinStandardHelpOptions = true,
        description =
                "Extract facts from one announcement file (.txt, .pdf, .html) and print the EnrichedAnnouncement JSON.")
public final class ExtractCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ExtractCommand.class);

    @Parameters(index = "0", paramLabel = "FILE", description = "The announcement: .txt (UTF-8), .pdf or .html.")
    Path file;

    @Option(names = "--title", description = "The listing title (default: the file name without extension).")
    String title;

    @Option(names = "--company-code", description = "Six-digit company code.")
    String companyCode;

    @Option(names = "--company-name", description = "Company short name.")
    String companyName;

    @Option(names = "--publish-date", description = "Publish date YYYY-MM-DD (default: the file's modification date).")
    LocalDate publishDate;

    @Option(names = "--compact", description = "One line of JSON instead of indented output.")
    boolean compact;

    @Override
    public Integer call() throws Exception {
        quietLibraries();
        if (!Files.exists(file)) {
            System.err.println("pilu extract: no such file: " + LogText.escape(file.toString()));
            return 2;
        }
        if (!Files.isRegularFile(file)) {
            System.err.println("pilu extract: " + LogText.escape(file.toString()) + " is not a regular file");
            return 2;
        }
        byte[] bytes = Files.readAllBytes(file);
        String fileType = DocumentTextExtractor.fileTypeOf(file);
        String text;
        Integer pages = null;
        if ("txt".equals(fileType)) {
            text = decodeUtf8(bytes);
            if (text == null) {
                System.err.println("pilu extract: " + file + " is not UTF-8 text");
                return 1;
            }
        } else if (DocumentTextExtractor.supports(fileType)) {
            try {
                ExtractedText extracted = new DocumentTextExtractor().extract(file, fileType);
                text = extracted.text();
                pages = extracted.pageCount();
            } catch (DocumentExtractionException e) {
                System.err.println("pilu extract: cannot read " + LogText.escape(file.toString()) + ": "
                        + LogText.escape(e.getMessage()));
                if (e.getCause() != null) {
                    log.debug("extraction of {} failed", file, e.getCause()); // the library's trace, at DEBUG only
                }
                return 1;
            }
        } else {
            System.err.println("pilu extract: unsupported file type '" + fileType + "' (use .txt, .pdf or .html)");
            return 2;
        }
        String name = file.getFileName().toString();
        String sha = sha256(bytes);
        // The file's hash stands in for the exchange's id, so the same file always gets the same id.
        RawAnnouncement raw = new RawAnnouncement(
                RawAnnouncement.SCHEMA_VERSION,
                sha,
                "bse",
                "BSE",
                companyCode,
                companyName,
                title != null ? title : name.replaceFirst("\\.[^.]+$", ""),
                List.of(),
                publishDate != null
                        ? publishDate
                        : LocalDate.ofInstant(
                                Files.getLastModifiedTime(file).toInstant(), java.time.ZoneId.of("Asia/Shanghai")),
                file.toAbsolutePath().toUri().toString(),
                fileType,
                sha,
                (long) bytes.length,
                pages,
                text,
                RawAnnouncement.ExtractionStatus.OK,
                null,
                Instant.now());
        EnrichedAnnouncement enriched = new AnnouncementEnricher().enrich(raw, Instant.now());
        System.out.println(compact ? Json.write(enriched) : Json.writePretty(enriched));
        return 0;
    }

    /**
     * PDFBox and FontBox log what they tolerate or give up on, with stack traces, at ERROR: for a malformed PDF that
     * is hundreds of lines before the one line this command prints. They are shown at {@code PILU_LOG_LEVEL=DEBUG}
     * only.
     */
    private static void quietLibraries() {
        if (log.isDebugEnabled()) {
            return;
        }
        for (String name : new String[] {"org.apache.pdfbox", "org.apache.fontbox"}) {
            if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger l) {
                l.setLevel(ch.qos.logback.classic.Level.OFF);
            }
        }
    }

    private static String decodeUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
