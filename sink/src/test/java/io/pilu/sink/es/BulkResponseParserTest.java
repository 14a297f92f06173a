package io.pilu.sink.es;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilu.sink.es.BulkItemResult.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BulkResponseParserTest {

    // the shape ES 8.19 answers with filter_path=items.*.status,items.*.error
    private static final String MIXED = """
            {"items":[
              {"index":{"status":201}},
              {"index":{"status":200}},
              {"index":{"status":409,"error":{"type":"version_conflict_engine_exception",
                 "reason":"[a]: version conflict, current version [3] is higher than the version [2]"}}},
              {"index":{"status":400,"error":{"type":"document_parsing_exception",
                 "reason":"[1:120] failed to parse field [ir.date] of type [date] in document with id 'b'",
                 "caused_by":{"type":"illegal_argument_exception","reason":"failed to parse date field [2024年6月17日]",
                   "caused_by":{"type":"date_time_parse_exception","reason":"Text '2024年6月17日' could not be parsed at index 4"}}}}},
              {"index":{"status":429,"error":{"type":"es_rejected_execution_exception","reason":"rejected execution of coordinating operation"}}},
              {"index":{"status":503,"error":{"type":"unavailable_shards_exception","reason":"primary shard is not active"}}},
              {"delete":{"status":200}},
              {"delete":{"status":404}},
              {"index":{"status":400,"error":{"type":"strict_dynamic_mapping_exception","reason":"mapping set to strict"}}}
            ]}""";

    @Test
    void readsEveryItemInOrder() {
        List<BulkItemResult> r = BulkResponseParser.parse(MIXED.getBytes(StandardCharsets.UTF_8), 9);
        assertThat(r)
                .extracting(BulkItemResult::outcome)
                .containsExactly(
                        Outcome.INDEXED,
                        Outcome.INDEXED,
                        Outcome.STALE,
                        Outcome.REJECTED,
                        Outcome.RETRY,
                        Outcome.RETRY,
                        Outcome.DELETED,
                        Outcome.DELETED,
                        Outcome.REJECTED);
        assertThat(r).extracting(BulkItemResult::status).containsExactly(201, 200, 409, 400, 429, 503, 200, 404, 400);
    }

    @Test
    void rejectionCarriesTheErrorTypeAndTheWholeCauseChain() {
        BulkItemResult rejected = BulkResponseParser.parse(MIXED.getBytes(StandardCharsets.UTF_8), 9)
                .get(3);
        assertThat(rejected.errorType()).isEqualTo("document_parsing_exception");
        assertThat(rejected.reason())
                .startsWith("[1:120] failed to parse field [ir.date]")
                .contains("illegal_argument_exception: failed to parse date field [2024年6月17日]")
                .contains("date_time_parse_exception");
    }

    @Test
    void successHasNoError() {
        BulkItemResult ok = BulkResponseParser.parse(MIXED.getBytes(StandardCharsets.UTF_8), 9)
                .get(0);
        assertThat(ok.errorType()).isNull();
        assertThat(ok.reason()).isNull();
    }

    @Test
    void aConflictThatIsNotAVersionConflictIsARejection() {
        assertThat(BulkItemResult.of("create", 409, "resource_already_exists_exception", "x")
                        .outcome())
                .isEqualTo(Outcome.REJECTED);
        assertThat(BulkItemResult.of("delete", 409, "version_conflict_engine_exception", "x")
                        .outcome())
                .isEqualTo(Outcome.STALE);
    }

    @Test
    void aPartialUpdateOfAMergedDocumentRetriesOnConflict() {
        // the shape ES 8.19 answers with filter_path=items.*.status,items.*.error,items.*.result
        String body = """
                {"items":[
                  {"update":{"result":"updated","status":200}},
                  {"update":{"result":"noop","status":200}},
                  {"update":{"status":409,"error":{"type":"version_conflict_engine_exception","reason":"conflict"}}},
                  {"update":{"status":400,"error":{"type":"document_parsing_exception","reason":"bad field"}}}
                ]}""";
        assertThat(BulkResponseParser.parse(body.getBytes(StandardCharsets.UTF_8), 4))
                .extracting(BulkItemResult::outcome)
                .containsExactly(
                        Outcome.INDEXED,
                        Outcome.INDEXED,
                        Outcome.RETRY, // another writer changed the filing after it was read: not stale
                        Outcome.REJECTED);
    }

    @Test
    void wrongItemCountOrBodyIsReportedNotGuessed() {
        assertThatThrownBy(() -> BulkResponseParser.parse(MIXED.getBytes(StandardCharsets.UTF_8), 8))
                .hasMessageContaining("9 items for 8 actions");
        assertThatThrownBy(() -> BulkResponseParser.parse("<html>".getBytes(StandardCharsets.UTF_8), 1))
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> BulkResponseParser.parse("{\"took\":1}".getBytes(StandardCharsets.UTF_8), 1))
                .hasMessageContaining("no items");
    }
}
