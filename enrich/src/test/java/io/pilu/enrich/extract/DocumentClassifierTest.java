package io.pilu.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilu.model.DocumentClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Classification of every fixture, and of titles alone when the text could not be read. */
class DocumentClassifierTest {

    private final DocumentClassifier classifier = new DocumentClassifier();
    private final TextNormalizer normalizer = new TextNormalizer();

    private DocumentClass classify(String title, String fixture) {
        return classifier.classify(title, normalizer.normalize(Fixtures.text(fixture)));
    }

    @ParameterizedTest
    @CsvSource({
        "bse-seed-bingxing-2024-06-17.txt", "sz-table-record.txt", "sh-table-record.txt",
        "legacy-registration-form.txt", "bse-damaged-lost-tick.txt", "bse-damaged-broken-labels.txt",
        "bse-damaged-spaced.txt", "bse-damaged-multi-category.txt"
    })
    void irRecordsByStructureEvenWithoutATellingTitle(String fixture) {
        assertThat(classify("临时公告", fixture)).isEqualTo(DocumentClass.IR_ACTIVITY_RECORD);
        assertThat(classify(null, fixture)).isEqualTo(DocumentClass.IR_ACTIVITY_RECORD);
    }

    @Test
    void aDigestThatQuotesAnIrRecordIsNotOne() {
        assertThat(classify("北交所调研周报（2024年第25周）", "news-digest-mentions-ir.txt"))
                .isEqualTo(DocumentClass.OTHER);
        assertThat(classify("并行科技投资者关系活动记录表解读", "news-digest-mentions-ir.txt")).isEqualTo(DocumentClass.OTHER);
        assertThat(classify(null, "news-digest-mentions-ir.txt")).isEqualTo(DocumentClass.OTHER);
    }

    @ParameterizedTest
    @CsvSource({
        "[年度报告]并行科技:2023年年度报告, annual-report-excerpt.txt, PERIODIC_REPORT",
        "[临时公告]并行科技:关于召开2023年年度报告业绩说明会的公告, earnings-call-notice.txt, EARNINGS_CALL_NOTICE",
        "[临时公告]并行科技:第三届董事会第十次会议决议公告, board-resolution.txt, BOARD_RESOLUTION",
        "[临时公告]并行科技:关于召开2024年第一次临时股东大会通知公告, shareholder-meeting-notice.txt, SHAREHOLDER_MEETING",
    })
    void nonIrDocumentsByTitle(String title, String fixture, DocumentClass expected) {
        assertThat(classify(title, fixture)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "annual-report-excerpt.txt, PERIODIC_REPORT",
        "earnings-call-notice.txt, EARNINGS_CALL_NOTICE",
        "board-resolution.txt, BOARD_RESOLUTION",
        "shareholder-meeting-notice.txt, SHAREHOLDER_MEETING",
    })
    void nonIrDocumentsByTheirOwnHeadingWhenTheTitleSaysNothing(String fixture, DocumentClass expected) {
        assertThat(classify("", fixture)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "[临时公告]并行科技:投资者关系活动记录表, IR_ACTIVITY_RECORD",
        "远航科技：2016年3月10日投资者关系活动登记表, IR_ACTIVITY_RECORD",
        "投资者关系活动记录表（2024-001）, IR_ACTIVITY_RECORD",
        "[临时公告]并行科技:2024年半年度报告, PERIODIC_REPORT",
        "[临时公告]并行科技:2024年第一季度报告, PERIODIC_REPORT",
        "[临时公告]并行科技:2023年年度报告摘要, PERIODIC_REPORT",
        "[临时公告]并行科技:关于2023年年度报告的更正公告, OTHER",
        "[临时公告]并行科技:关于年报问询函的回复公告, OTHER",
        "[临时公告]并行科技:2023年年度股东大会决议公告, SHAREHOLDER_MEETING",
        "[临时公告]并行科技:关于举行2024年半年度业绩说明会的公告, EARNINGS_CALL_NOTICE",
        "[临时公告]并行科技:第三届监事会第八次会议决议公告, OTHER",
        "[临时公告]并行科技:关于投资者关系活动记录表的说明, OTHER",
        "[临时公告]并行科技:关于签订日常经营重大合同的公告, OTHER",
    })
    void titleAloneWhenThereIsNoText(String title, DocumentClass expected) {
        assertThat(classifier.classify(title, null)).isEqualTo(expected);
    }
}
