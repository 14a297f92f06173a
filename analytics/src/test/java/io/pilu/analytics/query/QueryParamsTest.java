package io.pilu.analytics.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilu.model.EntityType;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryParamsTest {

    private static final List<String> ALLOWED = List.of("from", "to", "window", "limit", "type", "by", "since");

    @Test
    void readsGoodParameters() {
        QueryParams q =
                QueryParams.parse("from=2024-06-01&to=2024-06-30&window=90d&limit=5&type=broker&by=visits", ALLOWED);
        assertThat(q.date("from")).isEqualTo(LocalDate.of(2024, 6, 1));
        assertThat(q.windowDays("window", 30)).isEqualTo(90);
        assertThat(q.limit("limit")).isEqualTo(5);
        assertThat(q.type("type")).isEqualTo(EntityType.BROKER);
        assertThat(q.oneOf("by", List.of("institutions", "visits"))).isEqualTo("visits");
        QueryParams empty = QueryParams.parse(null, ALLOWED);
        assertThat(empty.windowDays("window", 30)).isEqualTo(30);
        assertThat(empty.limit("limit")).isEqualTo(QueryParams.DEFAULT_LIMIT);
        assertThat(empty.oneOf("by", List.of("institutions", "visits"))).isEqualTo("institutions");
        assertThat(QueryParams.parse("since=2024-06-17", ALLOWED).requiredDate("since"))
                .isEqualTo(LocalDate.of(2024, 6, 17));
    }

    @Test
    void malformedPercentEncodingIsABadRequestNamingThePart() {
        assertThatThrownBy(() -> QueryParams.parse("from=%E6%9", ALLOWED))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("malformed percent-encoding in '%E6%9'");
    }

    @Test
    void refusesBadParametersWithAMessage() {
        assertThatThrownBy(() -> QueryParams.parse("color=red", ALLOWED))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("unknown parameter 'color'");
        assertThatThrownBy(() -> QueryParams.parse("from=1&from=2", ALLOWED)).hasMessageContaining("twice");
        assertThatThrownBy(() -> QueryParams.parse("from=2024-6-1", ALLOWED).date("from"))
                .hasMessageContaining("YYYY-MM-DD");
        assertThatThrownBy(() -> QueryParams.parse("from=2024-07", ALLOWED).date("from"))
                .hasMessageContaining("YYYY-MM-DD");
        for (String w : List.of("30", "0d", "abc", "3661d", "-5d", "30w")) {
            assertThatThrownBy(() -> QueryParams.parse("window=" + w, ALLOWED).windowDays("window", 30))
                    .as(w)
                    .isInstanceOf(BadRequestException.class)
                    .hasMessageContaining("number of days");
        }
        for (String l : List.of("0", "1001", "x", "-1")) {
            assertThatThrownBy(() -> QueryParams.parse("limit=" + l, ALLOWED).limit("limit"))
                    .as(l)
                    .isInstanceOf(BadRequestException.class);
        }
        assertThatThrownBy(() -> QueryParams.parse("type=bakery", ALLOWED).type("type"))
                .hasMessageContaining("BROKER");
        assertThatThrownBy(() -> QueryParams.parse("by=size", ALLOWED).oneOf("by", List.of("visits")))
                .hasMessageContaining("visits");
        assertThatThrownBy(() -> QueryParams.parse(null, ALLOWED).requiredDate("since"))
                .hasMessageContaining("required");
        assertThatThrownBy(() -> QueryParams.checkRange(LocalDate.of(2024, 7, 1), LocalDate.of(2024, 6, 1)))
                .hasMessageContaining("after");
        assertThatThrownBy(() -> QueryParams.parse("from=%zz", ALLOWED)).hasMessageContaining("percent");
    }

    @Test
    void endpointsAreNamedWithoutTheirKeys() {
        assertThat(AnalyticsApi.endpoint("api/companies/839493/visitors".split("/")))
                .isEqualTo("company_visitors");
        assertThat(AnalyticsApi.endpoint("api/institutions/中邮证券/visits".split("/")))
                .isEqualTo("institution_visits");
        assertThat(AnalyticsApi.endpoint("api/rankings/companies".split("/"))).isEqualTo("rankings_companies");
        assertThat(AnalyticsApi.endpoint("api/companies/839493/new-visitors".split("/")))
                .isEqualTo("company_new_visitors");
        assertThat(AnalyticsApi.endpoint("api/rankings/funds".split("/"))).isEqualTo("unknown");
    }
}
