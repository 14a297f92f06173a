package io.pilu.sink.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilu.model.DocumentClass;
import io.pilu.model.Json;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SearchQueryBuilderTest {

    @Test
    void textQueryRequiresEveryWordBoostsPhraseAndKnownEntityAndHighlights() throws Exception {
        JsonNode q = SearchQueryBuilder.build(
                new SearchRequest(" 智谱华章 ", null, null, null, null, null, 10, SearchRequest.HighlightStyle.BRACKETS));
        JsonNode expected = Json.mapper().readTree("""
                {"size":10,"track_total_hits":true,
                 "query":{"bool":{
                   "must":[{"multi_match":{"query":"智谱华章","fields":["title^3","companyName.text^2","text"],"type":"best_fields","operator":"and"}}],
                   "should":[{"multi_match":{"query":"智谱华章","fields":["title^3","companyName.text^2","text"],"type":"phrase","boost":2}},
                             {"term":{"entityNames":{"value":"智谱华章","boost":3}}}],
                   "filter":[]}},
                 "sort":["_score",{"publishDate":{"order":"desc"}}],
                 "_source":["id","companyCode","companyName","title","publishDate","documentClass","documentUrl","ir.date","ir.participants","ir.customers","enrichmentVersion","exchange","ir.activityTypes","filingId","sources"],
                 "highlight":{"pre_tags":["【"],"post_tags":["】"],"fields":{
                   "title":{"number_of_fragments":0},
                   "text":{"fragment_size":80,"number_of_fragments":2}}}}
                """);
        assertThat(q).isEqualTo(expected);
    }

    @Test
    void filtersOnlyQueryMatchesAllWithFiltersAndNoHighlight() throws Exception {
        JsonNode q = SearchQueryBuilder.build(new SearchRequest(
                null,
                "839493",
                DocumentClass.IR_ACTIVITY_RECORD,
                LocalDate.of(2024, 1, 1),
                LocalDate.of(2024, 12, 31),
                "中邮证券",
                5,
                SearchRequest.HighlightStyle.ANSI_BOLD));
        assertThat(q.at("/query/bool/must/0/match_all").isObject()).isTrue();
        assertThat(q.has("highlight")).isFalse();
        assertThat(q.path("size").asInt()).isEqualTo(5);
        assertThat(q.at("/query/bool/filter")).isEqualTo(Json.mapper().readTree("""
                [{"bool":{"should":[{"term":{"companyCode":"839493"}},{"term":{"companyName":"839493"}}],"minimum_should_match":1}},
                 {"term":{"documentClass":"IR_ACTIVITY_RECORD"}},
                 {"range":{"publishDate":{"gte":"2024-01-01","lte":"2024-12-31"}}},
                 {"bool":{"should":[{"term":{"ir.participants":"中邮证券"}},{"term":{"entityNames":"中邮证券"}}],"minimum_should_match":1}}]
                """));
    }

    @Test
    void openEndedDateRangeAndTerminalHighlight() {
        JsonNode q = SearchQueryBuilder.build(new SearchRequest(
                "算力", null, null, LocalDate.of(2024, 6, 1), null, null, 10, SearchRequest.HighlightStyle.ANSI_BOLD));
        assertThat(q.at("/query/bool/filter/0/range/publishDate/gte").asText()).isEqualTo("2024-06-01");
        assertThat(q.at("/query/bool/filter/0/range/publishDate").has("lte")).isFalse();
        assertThat(q.at("/highlight/pre_tags/0").asText()).isEqualTo("\u001b[1m");
    }

    @Test
    void exchangeActivityTypePaginationNewestFirstAndPrivateUseMarkers() throws Exception {
        JsonNode q = SearchQueryBuilder.build(new SearchRequest(
                "算力",
                null,
                null,
                null,
                null,
                null,
                20,
                SearchRequest.HighlightStyle.PRIVATE_USE,
                "BSE",
                "特定对象调研",
                40,
                SearchRequest.Order.NEWEST,
                "cninfo"));
        assertThat(q.path("from").asInt()).isEqualTo(40);
        assertThat(q.path("size").asInt()).isEqualTo(20);
        assertThat(q.at("/query/bool/filter")).isEqualTo(Json.mapper().readTree("""
                [{"term":{"exchange":"BSE"}},{"term":{"sources":"cninfo"}},{"term":{"ir.activityTypes":"特定对象调研"}}]
                """));
        assertThat(q.path("sort")).isEqualTo(Json.mapper().readTree("""
                [{"publishDate":{"order":"desc"}},"_score"]
                """));
        assertThat(q.at("/highlight/pre_tags/0").asText()).isEqualTo("\uE000");
        assertThat(q.at("/highlight/post_tags/0").asText()).isEqualTo("\uE001");
        // the words stay a value of a match query: query syntax in them means nothing to Elasticsearch
        JsonNode hostile = SearchQueryBuilder.build(
                new SearchRequest("title:* OR <script>", null, null, null, null, null, 10, null));
        assertThat(hostile.at("/query/bool/must/0/multi_match/query").asText()).isEqualTo("title:* OR <script>");
        assertThat(hostile.toString()).doesNotContain("query_string");
    }

    @Test
    void invalidRequestsAreRefused() {
        assertThatThrownBy(() -> new SearchRequest(
                        "x", null, null, LocalDate.of(2024, 2, 1), LocalDate.of(2024, 1, 1), null, 10, null))
                .hasMessageContaining("after --to");
        assertThatThrownBy(() -> new SearchRequest("x", null, null, null, null, null, 0, null))
                .hasMessageContaining("size");
        assertThatThrownBy(() -> new SearchRequest("x", null, null, null, null, null, 20, null, null, null, 9990, null))
                .hasMessageContaining("offset");
        assertThatThrownBy(() -> new SearchRequest("x", null, null, null, null, null, 20, null, null, null, -1, null))
                .hasMessageContaining("offset");
    }
}
