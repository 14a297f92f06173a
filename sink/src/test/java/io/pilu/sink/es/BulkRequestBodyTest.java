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
}
