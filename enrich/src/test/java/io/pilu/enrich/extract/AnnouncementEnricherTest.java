package io.pilu.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.pilu.model.DocumentClass;
import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.Figure;
import io.pilu.model.RawAnnouncement;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class AnnouncementEnricherTest {

    private static final AnnouncementEnricher ENRICHER = new AnnouncementEnricher();
    private static final List<String> FIXTURES = List.of(
            Fixtures.SEED,
            "sz-table-record.txt",
            "sh-table-record.txt",
            "legacy-registration-form.txt",
            "bse-damaged-lost-tick.txt",
            "bse-damaged-broken-labels.txt",
            "bse-damaged-spaced.txt",
            "bse-damaged-multi-category.txt",
            "news-digest-mentions-ir.txt",
            "annual-report-excerpt.txt",
            "earnings-call-notice.txt",
            "board-resolution.txt",
            "shareholder-meeting-notice.txt");

    @Test
    void nullInputsAreRejectedWithAClearError() {
        assertThatThrownBy(() -> ENRICHER.enrich(null, Fixtures.ENRICHED_AT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("raw");
        assertThatThrownBy(() -> ENRICHER.enrich(Fixtures.seedRaw(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("enrichedAt");
    }

    @ParameterizedTest
    @EnumSource(
            value = RawAnnouncement.ExtractionStatus.class,
            names = {"FAILED", "SKIPPED"})
    void unreadableDocumentsAreClassifiedOnTheirTitleAlone(RawAnnouncement.ExtractionStatus status) {
        EnrichedAnnouncement ir =
                ENRICHER.enrich(Fixtures.failed("[临时公告]某公司:投资者关系活动记录表", status), Fixtures.ENRICHED_AT);
        assertThat(ir.documentClass()).isEqualTo(DocumentClass.IR_ACTIVITY_RECORD);
        assertThat(ir.irActivity()).isNull();
        assertThat(ir.figures()).isEmpty();
        assertThat(ir.entities()).isEmpty();

        EnrichedAnnouncement report =
                ENRICHER.enrich(Fixtures.failed("[年度报告]某公司:2023年年度报告", status), Fixtures.ENRICHED_AT);
        assertThat(report.documentClass()).isEqualTo(DocumentClass.PERIODIC_REPORT);
    }

    @ParameterizedTest
    @CsvSource({
        "news-digest-mentions-ir.txt, 北交所调研周报（2024年第25周）, OTHER",
        "earnings-call-notice.txt, 关于召开2023年年度报告业绩说明会的公告, EARNINGS_CALL_NOTICE",
        "board-resolution.txt, 第三届董事会第十次会议决议公告, BOARD_RESOLUTION",
        "shareholder-meeting-notice.txt, 关于召开2024年第一次临时股东大会通知公告, SHAREHOLDER_MEETING",
    })
    void nonIrDocumentsCarryNoIrActivityAndNoEntities(String fixture, String title, DocumentClass expected) {
        EnrichedAnnouncement e = ENRICHER.enrich(
                Fixtures.raw(title, Fixtures.text(fixture), LocalDate.of(2024, 6, 20)), Fixtures.ENRICHED_AT);
        assertThat(e.documentClass()).isEqualTo(expected);
        assertThat(e.irActivity()).isNull();
        assertThat(e.entities()).isEmpty();
    }

    @Test
    void anAnnualReportGetsItsFigures() {
        EnrichedAnnouncement e = ENRICHER.enrich(
                Fixtures.raw(
                        "[年度报告]并行科技:2023年年度报告", Fixtures.text("annual-report-excerpt.txt"), LocalDate.of(2024, 4, 20)),
                Fixtures.ENRICHED_AT);
        assertThat(e.documentClass()).isEqualTo(DocumentClass.PERIODIC_REPORT);
        assertThat(e.figures())
                .extracting(Figure::metric, Figure::value, Figure::unit, Figure::period)
                .contains(
                        tuple("营业收入", new BigDecimal("6.51"), "亿元", "2023"),
                        tuple("营业收入同比增长", new BigDecimal("40.48"), "%", "2023"),
                        tuple("归母净利润", new BigDecimal("-0.56"), "亿元", "2023"));
    }

    @Test
    void neverThrowsOnRandomOrGarbledText() {
        Random random = new Random(20240617);
        String alphabet = "问题答回复：、，。；？！（）()√□☑■ \n\t年月日0123456789.-%亿元万等家机构人证券基金投资资产"
                + "投资者关系活动类别时间地点参与单位及人员上市公司接待人员主要内容董事会秘书先生Q:A:abcXYZ\u0000\uFFFF\uD800";
        for (int i = 0; i < 400; i++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(3000);
            for (int k = 0; k < len; k++) {
                sb.append(
                        random.nextInt(10) == 0
                                ? (char) random.nextInt(0x10000)
                                : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            enrichSafely("投资者关系活动记录表", sb.toString());
        }
        // real records cut and shuffled at random points
        for (String fixture : FIXTURES) {
            String text = Fixtures.text(fixture);
            for (int i = 0; i < 30; i++) {
                int a = random.nextInt(text.length());
                int b = random.nextInt(text.length());
                String garbled = text.substring(Math.min(a, b))
                        + text.substring(0, Math.min(a, b)).replace('：', '\n');
                enrichSafely(i % 2 == 0 ? "投资者关系活动记录表" : null, garbled);
            }
        }
        enrichSafely("投资者关系活动记录表", "");
        enrichSafely("投资者关系活动记录表", "   \n\n  ");
        enrichSafely("投资者关系活动记录表", "问题".repeat(20_000));
        enrichSafely("投资者关系活动记录表", "1、".repeat(20_000) + "答：" + "等31家机构".repeat(5_000));
    }

    private static void enrichSafely(String title, String text) {
        EnrichedAnnouncement e =
                ENRICHER.enrich(Fixtures.raw(title, text, LocalDate.of(2024, 6, 18)), Fixtures.ENRICHED_AT);
        assertThat(e.documentClass()).isNotNull();
        assertThat(e.documentClass() == DocumentClass.IR_ACTIVITY_RECORD).isEqualTo(e.irActivity() != null);
    }

    @Test
    void concurrentUseGivesTheSameResultsAsSequentialUse() throws Exception {
        List<RawAnnouncement> raws = new ArrayList<>();
        for (String fixture : FIXTURES) {
            raws.add(Fixtures.raw("投资者关系活动记录表", Fixtures.text(fixture), LocalDate.of(2024, 6, 18)));
        }
        List<EnrichedAnnouncement> sequential =
                raws.stream().map(r -> ENRICHER.enrich(r, Fixtures.ENRICHED_AT)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<EnrichedAnnouncement>> futures = new ArrayList<>();
            for (int round = 0; round < 10; round++) {
                for (RawAnnouncement raw : raws) {
                    futures.add(pool.submit(() -> ENRICHER.enrich(raw, Fixtures.ENRICHED_AT)));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(sequential.get(i % raws.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
