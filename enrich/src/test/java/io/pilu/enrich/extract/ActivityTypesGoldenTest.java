package io.pilu.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilu.model.DocumentClass;
import io.pilu.model.EnrichedAnnouncement;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What every text fixture (the seed among them) gave before the damaged-row rules of issue 11, recorded by running
 * the previous extractor on each: document class, activity types and the 其他 detail. Every fixture is enriched under
 * the same IR title, so even the non-IR ones reach the parser when their text lets them; a change here is a change
 * of extraction output and must be deliberate.
 */
class ActivityTypesGoldenTest {

    private static final AnnouncementEnricher ENRICHER = new AnnouncementEnricher();

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                "bse-seed-bingxing-2024-06-17.txt  | IR_ACTIVITY_RECORD | 特定对象调研                                   | -",
                "eos-ir-record.txt                 | IR_ACTIVITY_RECORD | 特定对象调研                                   | -",
                "bse-damaged-broken-labels.txt     | IR_ACTIVITY_RECORD | 特定对象调研                                   | -",
                "bse-damaged-lost-tick.txt         | IR_ACTIVITY_RECORD | 现场参观                                       | -",
                "bse-damaged-multi-category.txt    | IR_ACTIVITY_RECORD | 特定对象调研,现场参观,分析师会议,其他          | 线上交流会",
                "bse-damaged-spaced.txt            | IR_ACTIVITY_RECORD | 媒体采访                                       | -",
                "legacy-registration-form.txt      | IR_ACTIVITY_RECORD | 特定对象调研                                   | -",
                "news-digest-mentions-ir.txt       | IR_ACTIVITY_RECORD | ''                                             | -",
                "sh-table-record.txt               | IR_ACTIVITY_RECORD | 分析师会议,路演活动                            | -",
                "sz-table-record.txt               | IR_ACTIVITY_RECORD | 特定对象调研,分析师会议                        | -",
                "annual-report-excerpt.txt         | PERIODIC_REPORT    | -                                              | -",
                "board-resolution.txt              | BOARD_RESOLUTION   | -                                              | -",
                "earnings-call-notice.txt          | EARNINGS_CALL_NOTICE | -                                            | -",
                "shareholder-meeting-notice.txt    | SHAREHOLDER_MEETING | -                                             | -",
            })
    void fixtureGivesWhatItGaveBefore(String fixture, DocumentClass documentClass, String types, String other) {
        EnrichedAnnouncement e = ENRICHER.enrich(
                Fixtures.raw("投资者关系活动记录表", Fixtures.text(fixture), LocalDate.of(2025, 1, 1)), Fixtures.ENRICHED_AT);
        assertThat(e.documentClass()).isEqualTo(documentClass);
        if (types == null) {
            assertThat(e.irActivity()).isNull();
            return;
        }
        assertThat(String.join(",", e.irActivity().activityTypes())).isEqualTo(types);
        assertThat(e.irActivity().activityTypeOther()).isEqualTo(other);
    }
}
