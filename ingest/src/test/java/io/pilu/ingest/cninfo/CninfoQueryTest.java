package io.pilu.ingest.cninfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CninfoQueryTest {

    @Test
    void sendsEveryFieldInThePagesOrderWithUnusedOnesEmpty() {
        CninfoQuery q = CninfoQuery.of("szse", "relation");
        assertThat(q.formBody(1))
                .isEqualTo("pageNum=1&pageSize=30&column=szse&tabName=relation&plate=&stock=&searchkey=&secid="
                        + "&category=&trade=&seDate=&sortName=&sortType=&isHLtitle=true");
        assertThat(q.formFields(7)).containsEntry("pageNum", "7").hasSize(14);
    }

    @Test
    void encodesValuesAsUtf8FormFieldsAndTheWindowAsSeDate() {
        Map<String, String> orgIds = new LinkedHashMap<>();
        orgIds.put("000001", "gssz0000001");
        orgIds.put("300750", "GD165627");
        CninfoQuery q = CninfoQuery.of("szse", "fulltext")
                .withCategory("category_ndbg_szsh;category_bndbg_szsh")
                .withSearchkey("投资者关系 记录")
                .withStocks(orgIds)
                .withPlate("sz;sh")
                .withDates(LocalDate.of(2024, 6, 1), LocalDate.of(2024, 6, 30));
        assertThat(q.seDate()).isEqualTo("2024-06-01~2024-06-30");
        assertThat(q.stock()).isEqualTo("000001,gssz0000001;300750,GD165627");
        assertThat(q.formBody(2))
                .isEqualTo("pageNum=2&pageSize=30&column=szse&tabName=fulltext&plate=sz%3Bsh"
                        + "&stock=000001%2Cgssz0000001%3B300750%2CGD165627"
                        + "&searchkey=%E6%8A%95%E8%B5%84%E8%80%85%E5%85%B3%E7%B3%BB+%E8%AE%B0%E5%BD%95&secid="
                        + "&category=category_ndbg_szsh%3Bcategory_bndbg_szsh&trade="
                        + "&seDate=2024-06-01%7E2024-06-30&sortName=&sortType=&isHLtitle=true");
        assertThat(q.withDates(null, null).seDate()).isEmpty();
        assertThat(q.withDates(LocalDate.of(2024, 6, 3), LocalDate.of(2024, 6, 3))
                        .seDate())
                .isEqualTo("2024-06-03~2024-06-03");
    }

    @Test
    void helpersChangeOnlyTheirField() {
        CninfoQuery q = new CninfoQuery(
                "szse",
                "fulltext",
                "sz",
                "000001,gssz0000001",
                "年报",
                "category_ndbg_szsh",
                LocalDate.of(2024, 1, 1),
                LocalDate.of(2024, 1, 31));
        assertThat(q.withColumn("sse"))
                .isEqualTo(new CninfoQuery(
                        "sse",
                        "fulltext",
                        "sz",
                        "000001,gssz0000001",
                        "年报",
                        "category_ndbg_szsh",
                        LocalDate.of(2024, 1, 1),
                        LocalDate.of(2024, 1, 31)));
        assertThat(q.withCategory("").category()).isEmpty();
        assertThat(q.withTab("relation").tabName()).isEqualTo("relation");
        assertThat(q.withCategory(null).category()).isEmpty();
    }

    @Test
    void refusesUnknownColumnsTabsAndBrokenWindowsWithClearMessages() {
        assertThatThrownBy(() -> CninfoQuery.of("hke", "fulltext"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cninfo column must be one of szse, sse, bj, got \"hke\"");
        assertThatThrownBy(() -> CninfoQuery.of(null, "fulltext")).hasMessageContaining("got nothing");
        assertThatThrownBy(() -> CninfoQuery.of("szse", "调研"))
                .hasMessage("cninfo tab must be fulltext or relation, got \"调研\"");
        CninfoQuery q = CninfoQuery.of("bj", "fulltext");
        assertThatThrownBy(() -> q.withDates(LocalDate.of(2024, 1, 1), null))
                .hasMessageContaining("needs both ends or neither");
        assertThatThrownBy(() -> q.withDates(LocalDate.of(2024, 2, 1), LocalDate.of(2024, 1, 1)))
                .hasMessage("cninfo date window starts after it ends: 2024-02-01~2024-01-01");
        assertThatThrownBy(() -> q.withSearchkey("a\nb")).hasMessageContaining("control character");
        assertThatThrownBy(() -> q.formBody(0)).hasMessageContaining("count from 1");
    }
}
