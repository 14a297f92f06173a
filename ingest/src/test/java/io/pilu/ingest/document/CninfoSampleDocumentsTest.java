package io.pilu.ingest.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilu.ingest.fixture.TestPdfs;
import io.pilu.ingest.simulator.cninfo.CninfoSampleSet;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The committed cninfo sample documents read as the crawler will read them, and say what their sources say. */
class CninfoSampleDocumentsTest {

    private final CninfoSampleSet samples = CninfoSampleSet.bundled();
    private final Map<String, CninfoSampleSet.Sample> byId = samples.samples().stream()
            .collect(Collectors.toMap(s -> s.announcement().announcementId(), Function.identity()));
    private final DocumentTextExtractor extractor = new DocumentTextExtractor();

    @Test
    void everyDocumentReadsAsItsSourceSays() throws Exception {
        for (CninfoSampleSet.Sample s : samples.samples()) {
            String type = s.announcement().adjunctType().toLowerCase(java.util.Locale.ROOT);
            if (type.equals("docx")) {
                assertThat(new String(s.content(), 0, 2, java.nio.charset.StandardCharsets.US_ASCII))
                        .isEqualTo("PK");
                continue;
            }
            ExtractedText text = extractor.extract(new ByteArrayInputStream(s.content()), type);
            assertThat(text.text()).as(s.document()).contains(s.announcement().secName());
            if (type.equals("pdf") && !s.document().startsWith("../")) {
                String source = "samples-src/cninfo/" + s.document().replaceFirst("\\.pdf$", ".txt");
                assertLinesInOrder(
                        text.text(),
                        TestPdfs.resource(source)
                                .lines()
                                .filter(l -> !l.isBlank())
                                .toList());
            }
        }
        ExtractedText full = extractor.extract(
                new ByteArrayInputStream(byId.get("1220412573").content()), "pdf");
        assertThat(full.text()).contains("中信证券", "易方达基金", "投资者关系活动主要内容介绍");
        assertThat(full.text().split("问：", -1)).hasSize(11);
    }

    private static void assertLinesInOrder(String text, List<String> lines) {
        // spacing is the layout's business (a wrapped cell line may put a space inside "8.1%"): compare without it
        String flat = text.replaceAll("\\s+", "");
        int from = 0;
        for (String line : lines) {
            String expected =
                    ChineseTextCleaner.normalizeLine(line.replace('\t', ' ')).replaceAll("\\s+", "");
            int at = flat.indexOf(expected, from);
            assertThat(at).as("line in order: %s", expected).isGreaterThanOrEqualTo(0);
            from = at + expected.length();
        }
    }
}
