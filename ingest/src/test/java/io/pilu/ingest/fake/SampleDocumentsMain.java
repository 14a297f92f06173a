package io.pilu.ingest.fake;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilu.model.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes the PDFs of the bundled sample set from their source texts, once, so that they can be committed and the
 * offline mode needs no CJK font at run time:
 *
 * <pre>
 * mvn -B -q -f ingest/pom.xml test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -cp "ingest/target/test-classes:ingest/target/classes:$(cat ingest/target/test-classpath.txt)" \
 *     io.pilu.ingest.fake.SampleDocumentsMain \
 *     ingest/src/main/resources/io/pilu/ingest/samples ingest/src/test/resources/samples-src
 * </pre>
 *
 * The output is byte-for-byte reproducible (see {@code TestPdfs}), so regenerating without editing a source changes
 * nothing; {@code SampleDocumentsTest} fails when a committed PDF no longer says what its source says. For every
 * {@code .pdf} document the manifest lists:
 * <ul>
 *   <li>{@value #SEED_DOCUMENT}: the seed IR record, laid out like the BSE original
 *       ({@link TestPdfs#writeSeedPdf});</li>
 *   <li>{@code NAME.pdf}: {@code NAME.txt} of the sources folder, through {@link TestPdfs#writeLaidOut}; a first line
 *       starting with 证券代码 becomes the running header of every page, as on the exchange's PDFs;</li>
 *   <li>{@code NAME-corrupt.pdf}: {@code NAME.txt} rendered the same way, then cut to its first
 *       {@value #CORRUPT_KEEP_PERCENT}% (a truncated upload), so that no page and no text can be read from it.</li>
 * </ul>
 * Other documents (the HTML one) are written by hand and left alone. A listed PDF without a source is an error.
 */
public final class SampleDocumentsMain {

    static final String SEED_DOCUMENT = "839493-2024-06-18-ir-record.pdf";
    static final String CORRUPT_SUFFIX = "-corrupt.pdf";
    static final int CORRUPT_KEEP_PERCENT = 30;
    private static final String HEADER_PREFIX = "证券代码";

    private SampleDocumentsMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: SampleDocumentsMain SAMPLES_DIR SOURCES_DIR");
            System.exit(2);
        }
        Path samples = Path.of(args[0]);
        Path sources = Path.of(args[1]);
        JsonNode manifest = Json.mapper().readTree(Files.readString(samples.resolve("manifest.json")));
        for (JsonNode entry : manifest.get("announcements")) {
            String document = entry.get("document").asText();
            if (!document.endsWith(".pdf")) {
                continue;
            }
            Path out = samples.resolve(document);
            Files.deleteIfExists(out); // PDFBox warns about overwriting, and a shorter rewrite must not keep a tail
            if (document.equals(SEED_DOCUMENT)) {
                TestPdfs.writeSeedPdf(out);
            } else if (document.endsWith(CORRUPT_SUFFIX)) {
                String name = document.substring(0, document.length() - CORRUPT_SUFFIX.length());
                render(sources.resolve(name + ".txt"), out);
                byte[] whole = Files.readAllBytes(out);
                Files.write(out, Arrays.copyOf(whole, whole.length * CORRUPT_KEEP_PERCENT / 100));
            } else {
                render(sources.resolve(document.substring(0, document.length() - ".pdf".length()) + ".txt"), out);
            }
            System.out.printf("%-58s %7d bytes%n", document, Files.size(out));
        }
    }

    private static void render(Path source, Path out) throws Exception {
        if (!Files.isReadable(source)) {
            throw new IllegalStateException("no source text " + source + " for " + out.getFileName());
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(source, StandardCharsets.UTF_8));
        String header = !lines.isEmpty() && lines.get(0).startsWith(HEADER_PREFIX) ? lines.remove(0) : null;
        TestPdfs.writeLaidOut(out, lines, header);
    }
}
