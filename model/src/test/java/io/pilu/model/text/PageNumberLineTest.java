package io.pilu.model.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PageNumberLineTest {

    @Test
    void recognisesPageNumbersButNotYearsOrAmounts() {
        for (String pageNumber : List.of(
                "3",
                "- 3 -",
                "—3—",
                "-3-",
                "第 3 页",
                "第3页 共8页",
                "第 3 页，共 8 页",
                "第2页共3页",
                "3/8",
                "3 / 8",
                "Page 3 of 8",
                "page 3")) {
            assertThat(PageNumberLine.matches(pageNumber, 13)).as(pageNumber).isTrue();
        }
        for (String data : List.of("2024", "1.31", "问题 3", "3、", "第三章", "共 8 页", "", "3 月")) {
            assertThat(PageNumberLine.matches(data, 13)).as(data).isFalse();
        }
    }

    @Test
    void aNumberBeyondTheLargestPageIsData() {
        assertThat(PageNumberLine.matches("14", 13)).isFalse();
        assertThat(PageNumberLine.matches("999", 999)).isTrue();
        assertThat(PageNumberLine.matches("1000", 999)).isFalse();
        assertThat(PageNumberLine.matches("第 20 页", 13)).isFalse();
    }
}
