package io.pilu.ingest.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilu.ingest.fixture.TestPdfs;
import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentTextExtractorTest {

    private final DocumentTextExtractor extractor = new DocumentTextExtractor();

    @TempDir
    Path dir;

    @Test
    void seedRecordPdfGivesBackTheSeedLines() throws Exception {
        Path pdf = dir.resolve("seed.pdf");
        TestPdfs.writeSeedPdf(pdf);

        ExtractedText result = extractor.extract(pdf, "pdf");

        assertThat(result.pageCount()).isEqualTo(4);
        String text = result.text();
        assertThat(text)
                .contains(
                        "√特定对象调研",
                        "□业绩说明会",
                        "□其他",
                        "参会单位及人员：中邮证券、地泽投资",
                        "上市公司接待人员：董事会秘书师健伟先生",
                        "活动时间：2024 年 6 月 17 日",
                        "问题 6、请问公司今年第二季度盈利预期如何？");
        // the wrapped question is one line again, also where the original wrapped it across a page break
        assertThat(text).contains("问题 1、请介绍公司算力采购策略，目前公司算力资源利用率较高，近期是否有扩建规划？");
        assertThat(text).doesNotContain("并 行", "- 1 -", "- 2 -", "- 4 -");
        assertThat(text.lines().filter(l -> l.matches("[-\\s\\d]+"))).isEmpty();
        assertThat(count(text, "证券代码：839493")).isEqualTo(1);
        assertThat(text.lines().findFirst()).hasValue(ChineseTextCleaner.normalizeLine(TestPdfs.SEED_HEADER));
        // every seed line's content survives, in order (lines may have been joined with their continuation)
        String flat = text.replace("\n", "");
        int from = 0;
        for (String line : TestPdfs.seedLines()) {
            String expected = ChineseTextCleaner.normalizeLine(line);
            int at = flat.indexOf(expected, from);
            assertThat(at).as("seed line in order: %s", expected).isGreaterThanOrEqualTo(0);
            from = at + expected.length();
        }
    }

    @Test
    void pdfFromAStreamIsTheSameAsFromAFile() throws Exception {
        byte[] bytes = TestPdfs.simplePdfBytes(List.of("北京并行科技股份有限公司", "投资者关系活动记录表"));
        ExtractedText result = extractor.extract(new ByteArrayInputStream(bytes), "PDF");
        assertThat(result.text()).isEqualTo("北京并行科技股份有限公司\n投资者关系活动记录表");
        assertThat(result.pageCount()).isEqualTo(1);
    }

    @Test
    void corruptPdfIsATypedErrorWithAReason() throws Exception {
        Path bad = dir.resolve("bad.pdf");
        Files.write(bad, "%PDF-1.7\n1 0 obj << /Type /Catalog ... garbage".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> extractor.extract(bad, "pdf"))
                .isInstanceOfSatisfying(
                        DocumentExtractionException.class,
                        e -> assertThat(e.kind()).isEqualTo(DocumentExtractionException.Kind.UNREADABLE))
                .hasMessageStartingWith("not a readable PDF");
    }

    @Test
    void encryptedPdfIsReportedAsEncrypted() throws Exception {
        Path pdf = dir.resolve("locked.pdf");
        TestPdfs.writeEncryptedPdf(pdf);
        assertThatThrownBy(() -> extractor.extract(pdf, "pdf"))
                .isInstanceOfSatisfying(
                        DocumentExtractionException.class,
                        e -> assertThat(e.kind()).isEqualTo(DocumentExtractionException.Kind.ENCRYPTED))
                .hasMessageContaining("password");
    }

    @Test
    void pdfWithoutTextLayerIsReported() throws Exception {
        Path pdf = dir.resolve("blank.pdf");
        TestPdfs.writePdf(pdf, List.of(List.of(), List.of()), null, false);
        assertThatThrownBy(() -> extractor.extract(pdf, "pdf"))
                .isInstanceOfSatisfying(
                        DocumentExtractionException.class,
                        e -> assertThat(e.kind()).isEqualTo(DocumentExtractionException.Kind.NO_TEXT))
                .hasMessageContaining("2 page(s) but no text layer");
    }

    @Test
    void htmlAnnouncementByBlocksWithDeclaredCharset() throws Exception {
        String html = "<html><head><meta charset=\"GBK\"><title>公告</title><style>p{}</style></head><body>"
                + "<h1>北京并行科技股份有限公司</h1><p>活动地点：公司 会议室</p>"
                + "<table><tr><td>参会单位及人员</td><td>中邮证券、地泽投资</td></tr></table>"
                + "<script>var x = 1;</script><p>√特定对象调研<br>□业绩说明会</p></body></html>";
        Path file = dir.resolve("a.html");
        Files.write(file, html.getBytes(Charset.forName("GBK")));

        ExtractedText result = extractor.extract(file, "html");

        assertThat(result.pageCount()).isNull();
        assertThat(result.text().split("\n"))
                .containsExactly("北京并行科技股份有限公司", "活动地点：公司会议室", "参会单位及人员中邮证券、地泽投资", "√特定对象调研", "□业绩说明会");
    }

    @Test
    void unsupportedTypeIsNotAttempted() {
        assertThat(DocumentTextExtractor.supports("docx")).isFalse();
        assertThatThrownBy(() -> extractor.extract(new ByteArrayInputStream(new byte[] {1}), "docx"))
                .isInstanceOfSatisfying(
                        DocumentExtractionException.class,
                        e -> assertThat(e.kind()).isEqualTo(DocumentExtractionException.Kind.UNSUPPORTED_TYPE))
                .hasMessageContaining("docx");
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
