package io.pilu.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Month-only dates (2026年7月 → 2026-07), ranges (first day) and the other date forms. */
class MonthOnlyDateTest {

    @Test
    void aRecordGivingOnlyTheMonth() {
        assertThat(IrFixtureSupport.ir("bse-damaged-multi-category.txt").date()).isEqualTo("2026-07");
    }

    @ParameterizedTest
    @CsvSource({
        "2026年7月, 2026-07",
        "2026年7月中旬, 2026-07",
        "2024 年 6 月 17 日, 2024-06-17",
        "2024年6月17日-18日, 2024-06-17",
        "2024年6月17日至2024年6月20日, 2024-06-17",
        "2024年6月17日、6月19日, 2024-06-17",
        "2024-06-17 14:00, 2024-06-17",
        "2024/6/7, 2024-06-07",
        "2024.6.7, 2024-06-07",
        "二〇一六年三月十日上午, 2016-03-10",
        "2024年12月30日下午3点, 2024-12-30",
    })
    void forms(String text, String expected) {
        assertThat(ActivityDateParser.parse(text)).contains(expected);
    }

    @ParameterizedTest
    @CsvSource({"2024年2月30日", "2024年13月", "1850年3月1日", "近期", "''"})
    void impossibleOrMissingDatesAreNotGuessed(String text) {
        assertThat(ActivityDateParser.parse(text)).isEqualTo(Optional.empty());
    }
}
