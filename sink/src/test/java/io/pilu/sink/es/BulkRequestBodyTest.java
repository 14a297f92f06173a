package io.pilu.sink.es;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BulkRequestBodyTest {

    @Test
    void writesNdjsonWithExternalGteVersionsAndDeletesWithoutVersion() {
        byte[] body = BulkRequestBody.of(List.of(
                new BulkAction.Index("a\"1", 3, "{\"title\":\"智谱华章\"}".getBytes(StandardCharsets.UTF_8)),
                new BulkAction.Delete("b")));
        String text = new String(body, StandardCharsets.UTF_8);
        assertThat(text.split("\n", -1))
                .containsExactly(
                        "{\"index\":{\"_id\":\"a\\\"1\",\"version\":3,\"version_type\":\"external_gte\"}}",
                        "{\"title\":\"智谱华章\"}",
                        "{\"delete\":{\"_id\":\"b\"}}",
                        "");
    }

    @Test
    void estimatedBytesIsNotBelowTheRealSize() {
        BulkAction.Index i = new BulkAction.Index("智谱华章-123", 1_000_000, "{\"x\":1}".getBytes(StandardCharsets.UTF_8));
        BulkAction.Delete d = new BulkAction.Delete("智谱华章-123");
        assertThat(i.estimatedBytes()).isGreaterThanOrEqualTo(BulkRequestBody.of(List.of(i)).length);
        assertThat(d.estimatedBytes()).isGreaterThanOrEqualTo(BulkRequestBody.of(List.of(d)).length);
    }

    @Test
    void conditionalWritesOfAMergedDocumentCarryTheStateTheyWereResolvedAgainst() {
        byte[] doc = "{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        byte[] body = BulkRequestBody.of(List.of(
                new BulkAction.Conditional(BulkAction.Conditional.Op.CREATE, "F1", -1, -1, doc),
                new BulkAction.Conditional(BulkAction.Conditional.Op.INDEX, "F2", 7, 1, doc),
                new BulkAction.Conditional(
                        BulkAction.Conditional.Op.UPDATE,
                        "F3",
                        8,
                        2,
                        "{\"sources\":[\"bse\"]}".getBytes(StandardCharsets.UTF_8)),
                new BulkAction.Conditional(BulkAction.Conditional.Op.DELETE, "F4", 9, 1, new byte[0])));
        assertThat(new String(body, StandardCharsets.UTF_8).split("\n", -1))
                .containsExactly(
                        "{\"create\":{\"_id\":\"F1\"}}",
                        "{\"id\":\"x\"}",
                        "{\"index\":{\"_id\":\"F2\",\"if_seq_no\":7,\"if_primary_term\":1}}",
                        "{\"id\":\"x\"}",
                        "{\"update\":{\"_id\":\"F3\",\"if_seq_no\":8,\"if_primary_term\":2}}",
                        "{\"doc\":{\"sources\":[\"bse\"]}}",
                        "{\"delete\":{\"_id\":\"F4\",\"if_seq_no\":9,\"if_primary_term\":1}}",
                        "");
    }

    @Test
    void anUnresolvedArrivalOrWithdrawalIsNeverSent() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> BulkRequestBody.of(List.of(new BulkAction.Withdraw("cninfo-1"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not resolved");
    }
}
