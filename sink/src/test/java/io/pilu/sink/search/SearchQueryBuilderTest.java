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
    void aOneCharacterQueryIsLookedUpPerCharacterAndHighlightedInTheFieldsShown() throws Exception {
        JsonNode q = SearchQueryBuilder.build(
                new SearchRequest("锂", null, null, null, null, null, 10, SearchRequest.HighlightStyle.BRACKETS));
        assertThat(q.at("/query/bool/must")).isEqualTo(Json.mapper().readTree("""
                [{"multi_match":{"query":"锂","fields":["title.char^3","companyName.char^2","text.char","title^3","companyName.text^2","text"],"type":"best_fields"}}]
                """));
        // ranking hints as for any query
        assertThat(q.at("/query/bool/should/0/multi_match/query").asText()).isEqualTo("锂");
        assertThat(q.at("/query/bool/should/1/term/entityNames/value").asText()).isEqualTo("锂");
        assertThat(q.at("/highlight/fields")).isEqualTo(Json.mapper().readTree("""
                {"title":{"number_of_fragments":0,"matched_fields":["title","title.char"]},
                 "text":{"fragment_size":80,"number_of_fragments":2,"matched_fields":["text","text.char"]}}
                """));
    }

    @Test
    void inAQueryOfSeveralWordsOnlyTheOneCharacterWordsGoToTheCharacterFields() {
        JsonNode q = SearchQueryBuilder.build(new SearchRequest(
                "铜 箔材\u3000客户 芯", null, null, null, null, null, 10, SearchRequest.HighlightStyle.BRACKETS));
        JsonNode must = q.at("/query/bool/must");
        assertThat(must.size()).isEqualTo(3);
        assertThat(must.at("/0/multi_match/query").asText()).isEqualTo("箔材 客户");
        assertThat(must.at("/0/multi_match/fields").toString())
                .isEqualTo("[\"title^3\",\"companyName.text^2\",\"text\"]");
        assertThat(must.at("/0/multi_match/operator").asText()).isEqualTo("and");
        assertThat(must.at("/1/multi_match/query").asText()).isEqualTo("铜");
        assertThat(must.at("/1/multi_match/fields/0").asText()).isEqualTo("title.char^3");
        assertThat(must.at("/2/multi_match/query").asText()).isEqualTo("芯");
        assertThat(must.at("/2/multi_match/fields/2").asText()).isEqualTo("text.char");
        // the phrase boost is the query as typed
        assertThat(q.at("/query/bool/should/0/multi_match/query").asText()).isEqualTo("铜 箔材\u3000客户 芯");
        // an ideographic space around a lone character leaves no empty word behind
        JsonNode spaced = SearchQueryBuilder.build(new SearchRequest(
                "\u3000锂\u3000", null, null, null, null, null, 10, SearchRequest.HighlightStyle.BRACKETS));
        assertThat(spaced.at("/query/bool/must").size()).isEqualTo(1);
        assertThat(spaced.at("/query/bool/must/0/multi_match/query").asText()).isEqualTo("锂");
        assertThat(spaced.at("/query/bool/must/0/multi_match/fields/0").asText())
                .isEqualTo("title.char^3");
    }

    @Test
    void wordsThatAreNotOneChineseCharacterKeepTheBigramQuery() {
        for (String text : new String[] {"锂电", "A", "5", "，", "碳酸锂 B"}) {
            JsonNode q = SearchQueryBuilder.build(
                    new SearchRequest(text, null, null, null, null, null, 10, SearchRequest.HighlightStyle.BRACKETS));
            assertThat(q.at("/query/bool/must").size()).as(text).isEqualTo(1);
            assertThat(q.at("/query/bool/must/0/multi_match/query").asText())
                    .as(text)
                    .isEqualTo(text);
            assertThat(q.at("/query/bool/must/0/multi_match/fields/0").asText())
                    .as(text)
                    .isEqualTo("title^3");
            assertThat(q.at("/highlight/fields/text").has("matched_fields"))
                    .as(text)
                    .isFalse();
        }
        assertThat(SearchQueryBuilder.isOneChineseCharacter("锂")).isTrue();
        // a character outside the Basic Multilingual Plane is one character too (CJK Extension B)
        assertThat(SearchQueryBuilder.isOneChineseCharacter("\uD840\uDC00")).isTrue();
        assertThat(SearchQueryBuilder.isOneChineseCharacter("あ")).isFalse();
        assertThat(SearchQueryBuilder.isOneChineseCharacter("锂电")).isFalse();
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
