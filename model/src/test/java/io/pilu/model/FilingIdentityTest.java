package io.pilu.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilingIdentityTest {

    private static final LocalDate DAY = LocalDate.of(2024, 6, 17);

    private static String id(String title) {
        return FilingIdentity.of("x", "BSE", "839493", "并行科技", DAY, title);
    }

    @ParameterizedTest(name = "bse ''{0}'' = cninfo ''{1}''")
    @CsvSource(delimiter = '|', textBlock = """
            [临时公告]并行科技:投资者关系活动记录表                | 投资者关系活动记录表
            [临时公告]并行科技:投资者关系活动记录表                | <em>投资者关系</em>活动记录表
            [临时公告]并行科技:投资者关系活动记录表                | 并行科技：投资者关系活动记录表
            [临时公告]并行科技:投资者关系活动记录表                | 【临时公告】 并行科技 ： 投资者关系活动记录表
            [临时公告]并行科技:投资者关系活动记录表                | 投资者关系活动记录表
            [临时公告]并行科技:投资者关系活动记录表（2024-06-17）   | 投资者关系活动记录表(2024－06－17)
            [临时公告]并行科技:2024年第一次临时股东大会决议公告     | 2024年第一次临时股东大会决议公告
            [临时公告]并行科技:关于召开2024年第一次临时股东大会通知的公告 | 关于召开2024年第一次临时股东大会通知的公告
            [定期报告]并行科技:2023年年度报告                      | 2023年年度报告
            [临时公告]并行科技:投资者关系活动记录表                | 839493:投资者关系活动记录表
            [临时公告]并行科技:ＡＩ算力服务公告                    | ai算力服务公告
            """)
    void theBseAndCninfoFormsOfOneTitleAreOneFiling(String bse, String cninfo) {
        assertEquals(id(bse), id(cninfo));
    }

    @ParameterizedTest(name = "''{0}'' ≠ ''{1}''")
    @CsvSource(delimiter = '|', textBlock = """
            投资者关系活动记录表（一）                | 投资者关系活动记录表（二）
            投资者关系活动记录表                     | 投资者关系活动记录表（一）
            2023年年度报告                           | 2023年年度报告摘要
            2024年第一次临时股东大会决议公告           | 2024年第二次临时股东大会决议公告
            [临时公告]并行科技:投资者关系活动记录表    | [临时公告]并行科技:投资者关系活动记录表（更正后）
            """)
    void differentTitlesAreDifferentFilings(String a, String b) {
        assertNotEquals(id(a), id(b));
    }

    @Test
    void differentDatesCompaniesAndExchangesAreDifferentFilings() {
        String title = "投资者关系活动记录表";
        String base = FilingIdentity.of("x", "BSE", "839493", "并行科技", DAY, title);
        assertNotEquals(base, FilingIdentity.of("x", "BSE", "839493", "并行科技", DAY.plusDays(1), title));
        assertNotEquals(base, FilingIdentity.of("x", "BSE", "920007", "并行科技", DAY, title));
        assertNotEquals(base, FilingIdentity.of("x", "SZSE", "839493", "并行科技", DAY, title));
    }

    @Test
    void aPrefixThatIsNotTheCompanyIsKept() {
        // "关于…:" or another company's name before a colon is part of the title, not a label
        assertNotEquals(id("其他公司:投资者关系活动记录表"), id("投资者关系活动记录表"));
        assertEquals("其他公司投资者关系活动记录表", FilingIdentity.normalizedTitle("其他公司:投资者关系活动记录表", "并行科技", "839493"));
    }

    @Test
    void theIdentityIsReadableAndStable() {
        String filingId = FilingIdentity.of(Fixtures.raw());
        assertTrue(filingId.startsWith("BSE:839493:2024-06-18:"), filingId);
        assertEquals(filingId.length(), "BSE:839493:2024-06-18:".length() + 16);
        // the exchange's case and the code's padding do not matter
        assertEquals(
                FilingIdentity.of("a", "BSE", "839493", "并行科技", DAY, "投资者关系活动记录表"),
                FilingIdentity.of("b", "bse", " 839493 ", null, DAY, "投资者关系活动记录表"));
    }

    @Test
    void aRecordWithoutCodeOrDateKeepsAnIdentityOfItsOwn() {
        assertEquals("raw:abc", FilingIdentity.of("abc", "BSE", null, "并行科技", DAY, "投资者关系活动记录表"));
        assertEquals("raw:abc", FilingIdentity.of("abc", "BSE", "839493", "并行科技", null, "投资者关系活动记录表"));
        assertNotEquals(
                FilingIdentity.of("abc", "BSE", " ", null, DAY, "t"),
                FilingIdentity.of("abd", "BSE", " ", null, DAY, "t"));
    }

    @Test
    void aMissingTitleStillMatchesOnTheOtherParts() {
        assertEquals(
                FilingIdentity.of("a", "BSE", "839493", null, DAY, null),
                FilingIdentity.of("b", "BSE", "839493", null, DAY, ""));
    }
}
