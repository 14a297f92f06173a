package io.pilu.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilu.model.Json;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pilu extract} on the bundled seed PDF: the crawler's text extraction, then the enrich stage's. */
class ExtractCommandTest {

    @TempDir
    Path dir;

    private static String run(String... args) throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int code = Pilu.commandLine().execute(args);
            assertThat(code).as("exit code").isZero();
        } finally {
            System.setOut(stdout);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void extractsTheSeedPdfIntoTheEnrichedAnnouncement() throws Exception {
        Path pdf = dir.resolve("seed.pdf");
        try (InputStream in = ExtractCommandTest.class.getResourceAsStream(
                "/io/pilu/ingest/samples/839493-2024-06-18-ir-record.pdf")) {
            assertThat(in).as("bundled seed PDF").isNotNull();
            Files.copy(in, pdf);
        }
        JsonNode out = Json.mapper()
                .readTree(run(
                        "extract",
                        pdf.toString(),
                        "--title",
                        "[临时公告]并行科技:投资者关系活动记录表",
                        "--company-code",
                        "839493",
                        "--publish-date",
                        "2024-06-18"));

        assertThat(out.path("documentClass").asText()).isEqualTo("IR_ACTIVITY_RECORD");
        JsonNode ir = out.path("irActivity");
        assertThat(ir.path("date").asText()).isEqualTo("2024-06-17");
        assertThat(ir.path("location").asText()).isEqualTo("公司会议室");
        assertThat(ir.path("participants").findValuesAsText("name")).containsExactly("中邮证券", "地泽投资");
        assertThat(ir.path("receptionists").get(0).path("name").asText()).isEqualTo("师健伟");
        assertThat(ir.path("qa")).hasSize(6);
        assertThat(ir.path("customers").findValuesAsText("name")).contains("智谱华章", "北京智源人工智能研究院");
        assertThat(out.path("announcement").path("pageCount").asInt()).isEqualTo(4);
    }

    @Test
    void aMissingFileIsAClearError() {
        Map.Entry<Integer, String> r = runErr("extract", dir.resolve("nope.pdf").toString());
        assertThat(r.getKey()).isEqualTo(2);
        assertThat(r.getValue().strip()).isEqualTo("pilu extract: no such file: " + dir.resolve("nope.pdf"));
    }

    @Test
    void anUnsupportedTypeIsAUsageError() throws Exception {
        Path docx = Files.write(dir.resolve("report.docx"), new byte[] {1, 2, 3});
        Map.Entry<Integer, String> r = runErr("extract", docx.toString());
        assertThat(r.getKey()).isEqualTo(2);
        assertThat(r.getValue().strip())
                .isEqualTo("pilu extract: unsupported file type 'docx' (use .txt, .pdf or .html)");
    }

    @Test
    void textThatIsNotUtf8AndABrokenPdfAreExtractionErrors() throws Exception {
        Path gbk = Files.write(dir.resolve("record.txt"), "投资者关系活动记录表".getBytes("GBK"));
        assertThat(Pilu.commandLine().execute("extract", gbk.toString())).isEqualTo(1);
        Path pdf = Files.write(dir.resolve("broken.pdf"), "%PDF-1.7 not really".getBytes(StandardCharsets.US_ASCII));
        assertThat(Pilu.commandLine().execute("extract", pdf.toString())).isEqualTo(1);
    }

    /** Runs {@code pilu extract ARGS}; returns the exit code and everything printed on stderr. */
    private static Map.Entry<Integer, String> runErr(String... args) {
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Pilu.commandLine().execute(args);
        } finally {
            System.setErr(stderr);
        }
        return Map.entry(code, captured.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aDirectoryIsNotARegularFile() {
        Map.Entry<Integer, String> r = runErr("extract", dir.toString());
        assertThat(r.getKey()).isEqualTo(2);
        assertThat(r.getValue().strip()).isEqualTo("pilu extract: " + dir + " is not a regular file");
    }

    @Test
    void aMalformedPdfPrintsOneClearLineAndNoLibraryStackTrace() throws Exception {
        Path pdf = dir.resolve("corrupt.pdf");
        try (InputStream in = ExtractCommandTest.class.getResourceAsStream(
                "/io/pilu/ingest/samples/873166-2024-06-21-business-registration-corrupt.pdf")) {
            Files.copy(in, pdf);
        }
        Map.Entry<Integer, String> r = runErr("extract", pdf.toString());
        assertThat(r.getKey()).isEqualTo(1);
        assertThat(r.getValue().strip().lines())
                .hasSize(1)
                .first()
                .asString()
                .startsWith("pilu extract: cannot read " + pdf + ": not a readable PDF");
    }

    @Test
    void aFortyFiveMegabyteHtmlPageIsRefusedInOneLine() throws Exception {
        Path html = dir.resolve("huge.html");
        byte[] paragraph = "<p>公司经营情况良好，收入稳定增长。</p>\n".getBytes(StandardCharsets.UTF_8);
        try (java.io.OutputStream out = Files.newOutputStream(html)) {
            for (long written = 0; written < 45L * 1024 * 1024; written += paragraph.length) {
                out.write(paragraph);
            }
        }
        Map.Entry<Integer, String> r = runErr("extract", html.toString());
        assertThat(r.getKey()).isEqualTo(1);
        assertThat(r.getValue().strip()).contains("TEXT_BUDGET_EXCEEDED").contains("HTML budget");
    }
}
