package io.pilu.sink.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilu.model.Json;
import org.junit.jupiter.api.Test;

class SearchResultFormatterTest {

    @Test
    void printsCompanyTitleDateClassParticipantsAndHighlightedFragments() throws Exception {
        String response = """
                {"took":3,"hits":{"total":{"value":1,"relation":"eq"},"hits":[{"_id":"a","_source":{
                  "companyCode":"839493","companyName":"并行科技","title":"[临时公告]并行科技:投资者关系活动记录表",
                  "publishDate":"2024-06-18","documentClass":"IR_ACTIVITY_RECORD","documentUrl":"https://www.bse.cn/x.pdf",
                  "ir":{"participants":["中邮证券","地泽投资"]}},
                  "highlight":{"text":["答：公司重要的大模型客户主要包括：【智谱华章】、\\n中科闻歌等。","公司重要的大模型客户主要包括：【智谱华章】、中科闻歌等。"]}}]}}
                """;
        String out = SearchResultFormatter.format(Json.mapper().readTree(response));
        assertThat(out).isEqualTo("""
                1 hit (3 ms)

                1. 并行科技 (839493)  2024-06-18  IR_ACTIVITY_RECORD
                   [临时公告]并行科技:投资者关系活动记录表
                   participants: 中邮证券, 地泽投资
                   … 答：公司重要的大模型客户主要包括：【智谱华章】、 中科闻歌等。 …
                   … 公司重要的大模型客户主要包括：【智谱华章】、中科闻歌等。 …
                   https://www.bse.cn/x.pdf
                """);
    }

    @Test
    void noHits() throws Exception {
        assertThat(SearchResultFormatter.format(
                        Json.mapper().readTree("{\"took\":1,\"hits\":{\"total\":{\"value\":0},\"hits\":[]}}")))
                .isEqualTo("0 hits (1 ms)\n");
    }
}
