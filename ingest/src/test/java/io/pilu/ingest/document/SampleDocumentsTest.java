package io.pilu.ingest.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilu.ingest.fixture.TestPdfs;
import io.pilu.ingest.simulator.SampleSet;
import io.pilu.ingest.simulator.SampleSet.Sample;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The committed sample documents read as the crawler will read them, with no font installed at run time. */
class SampleDocumentsTest {

    private static final String SEED_ID = "6adf2dc9960c5876398a6e504815799e";
    private static final String CORRUPT_ID = "a4196b5cf964cc3974436c8604c9a913";

    private final SampleSet samples = SampleSet.bundled();
    private final Map<String, Sample> byId =
            samples.samples().stream().collect(Collectors.toMap(Sample::id, Function.identity()));
    private final DocumentTextExtractor extractor = new DocumentTextExtractor();

    @Test
    void theSeedPdfExtractsToTheSeedRecord() throws Exception {
        Sample seed = byId.get(SEED_ID);
        assertThat(seed.listing().companyCd()).isEqualTo("839493");
        assertThat(seed.listing().disclosureTitle()).isEqualTo("[临时公告]并行科技:投资者关系活动记录表");
        assertThat(seed.listing().destFilePath()).isEqualTo("/disclosure/2024/2024-06-18/" + SEED_ID + ".pdf");

        ExtractedText text = extractor.extract(new ByteArrayInputStream(seed.content()), "pdf");

        assertThat(text.pageCount()).isEqualTo(4);
        assertThat(text.text())
                .contains(
                        "√特定对象调研",
                        "活动时间：2024 年 6 月 17 日",
                        "参会单位及人员：中邮证券、地泽投资",
                        "上市公司接待人员：董事会秘书师健伟先生",
                        "回答：公司重要的大模型客户主要包括：智谱华章、中科闻歌、瑞莱智慧、");
        assertLinesInOrder(text.text(), TestPdfs.seedLines());
    }

    @Test
    void everyOtherDocumentExtractsExceptTheDeliberatelyCorruptOne() throws Exception {
        for (Sample s : samples.samples()) {
            if (s.id().equals(CORRUPT_ID)) {
                assertThatThrownBy(() -> extractor.extract(new ByteArrayInputStream(s.content()), "pdf"))
                        .isInstanceOfSatisfying(
                                DocumentExtractionException.class,
                                e -> assertThat(e.kind()).isEqualTo(DocumentExtractionException.Kind.UNREADABLE));
                continue;
            }
            ExtractedText text = extractor.extract(
                    new ByteArrayInputStream(s.content()), s.listing().fileExt());
            assertThat(text.text()).as(s.document()).contains(s.listing().companyName());
            String source = "samples-src/" + s.document().replaceFirst("\\.pdf$", ".txt");
            if (s.document().endsWith(".pdf") && !s.id().equals(SEED_ID)) {
                // the committed PDF still says what its source text says: nobody edited one without the other
                assertLinesInOrder(
                        text.text(),
                        TestPdfs.resource(source)
                                .lines()
                                .filter(l -> !l.isBlank() && !l.strip().equals(TestPdfs.PAGE_BREAK))
                                .toList());
            }
        }
    }

    private static void assertLinesInOrder(String text, List<String> lines) {
        String flat = text.replace("\n", "");
        int from = 0;
        for (String line : lines) {
            // a tab is a table's column boundary, which extraction keeps as one space (a wide gap, not a glyph's)
            String expected = ChineseTextCleaner.normalizeLine(line.replace("\t", "  "));
            int at = flat.indexOf(expected, from);
            assertThat(at).as("line in order: %s", expected).isGreaterThanOrEqualTo(0);
            from = at + expected.length();
        }
    }
}
