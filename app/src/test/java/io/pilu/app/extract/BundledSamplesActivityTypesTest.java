package io.pilu.app.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilu.enrich.extract.AnnouncementEnricher;
import io.pilu.ingest.document.DocumentExtractionException;
import io.pilu.ingest.document.DocumentTextExtractor;
import io.pilu.ingest.simulator.SampleSet;
import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.RawAnnouncement;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every bundled sample (the seed PDF among them) through the crawler's text extraction and the enricher gives the
 * document class, activity types and 其他 detail it gave before issue 11's damaged-row rules; the expected values were
 * recorded by running the previous extractor on each sample. A new sample must be added here with what it gives.
 */
class BundledSamplesActivityTypesTest {

    /** Document → "class | types | 其他 detail" ("-" where there is no IR activity or no detail). */
    private static final Map<String, String> EXPECTED = Map.of(
            "839493-2024-06-18-ir-record.pdf", "IR_ACTIVITY_RECORD | 特定对象调研 | -",
            "870436-2024-06-13-ir-record-site-visit.pdf", "IR_ACTIVITY_RECORD | 特定对象调研,现场参观,其他 | 线上交流会",
            "873166-2024-06-14-ir-record-table.pdf", "IR_ACTIVITY_RECORD | 特定对象调研,分析师会议 | -",
            "832771-2024-06-20-ir-record-summary-participants.pdf", "IR_ACTIVITY_RECORD | 路演活动 | -",
            "838227-2024-04-26-annual-report.pdf", "PERIODIC_REPORT | - | -",
            "832771-2024-06-17-trading-anomaly.html", "OTHER | - | -",
            "870436-2024-06-19-board-resolution.pdf", "BOARD_RESOLUTION | - | -",
            "870436-2024-06-19-shareholder-meeting-notice.pdf", "SHAREHOLDER_MEETING | - | -");
    /** The truncated sample no text can be read from. */
    private static final String CORRUPT = "873166-2024-06-21-business-registration-corrupt.pdf";

    private final AnnouncementEnricher enricher = new AnnouncementEnricher();

    @Test
    void everySampleGivesWhatItGaveBefore() throws Exception {
        List<SampleSet.Sample> samples = SampleSet.bundled().samples();
        assertThat(samples.stream().map(SampleSet.Sample::document).collect(Collectors.toSet()))
                .as("every bundled sample has its expectation here")
                .containsExactlyInAnyOrderElementsOf(
                        java.util.stream.Stream.concat(EXPECTED.keySet().stream(), java.util.stream.Stream.of(CORRUPT))
                                .toList());
        for (SampleSet.Sample sample : samples) {
            if (sample.document().equals(CORRUPT)) {
                assertThatThrownBy(() -> extract(sample)).isInstanceOf(DocumentExtractionException.class);
                continue;
            }
            assertThat(summary(enrich(sample, extract(sample))))
                    .as(sample.document())
                    .isEqualTo(EXPECTED.get(sample.document()));
        }
    }

    private static String extract(SampleSet.Sample sample) throws DocumentExtractionException {
        return new DocumentTextExtractor()
                .extract(
                        new ByteArrayInputStream(sample.content()),
                        sample.listing().fileExt())
                .text();
    }

    private EnrichedAnnouncement enrich(SampleSet.Sample sample, String text) {
        RawAnnouncement raw = new RawAnnouncement(
                RawAnnouncement.SCHEMA_VERSION,
                sample.id(),
                "bse",
                "BSE",
                sample.listing().companyCd(),
                sample.listing().companyName(),
                sample.listing().disclosureTitle(),
                List.of(),
                sample.listing().publishDate(),
                "https://www.bse.cn" + sample.listing().destFilePath(),
                sample.listing().fileExt(),
                null,
                (long) sample.content().length,
                null,
                text,
                RawAnnouncement.ExtractionStatus.OK,
                null,
                Instant.parse("2024-06-21T08:00:00Z"));
        return enricher.enrich(raw, Instant.parse("2024-06-21T08:00:05Z"));
    }

    private static String summary(EnrichedAnnouncement e) {
        if (e.irActivity() == null) {
            return e.documentClass() + " | - | -";
        }
        String other = e.irActivity().activityTypeOther();
        return e.documentClass() + " | " + String.join(",", e.irActivity().activityTypes()) + " | "
                + (other == null ? "-" : other);
    }
}
