package io.pilu.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilu.service.QueryString.Pair;
import org.junit.jupiter.api.Test;

class QueryStringTest {

    @Test
    void pairsAreDecodedInOrderWithBareNamesAndEmptySegments() {
        assertThat(QueryString.parse("q=%E6%99%BA%E8%B0%B1+AI&&flag&q=second"))
                .containsExactly(new Pair("q", "智谱 AI"), new Pair("flag", ""), new Pair("q", "second"));
    }

    @Test
    void nothingGivesNoPairs() {
        assertThat(QueryString.parse(null)).isEmpty();
        assertThat(QueryString.parse("")).isEmpty();
    }

    @Test
    void malformedPercentEncodingNamesThePart() {
        assertThatThrownBy(() -> QueryString.parse("from=2024-06-01&to=%E6%9"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("malformed percent-encoding in '%E6%9'");
    }
}
