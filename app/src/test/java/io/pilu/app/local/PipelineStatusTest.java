package io.pilu.app.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class PipelineStatusTest {

    @Test
    void sumsEachStagesCountersAcrossTheirTags() {
        SimpleMeterRegistry r = new SimpleMeterRegistry();
        r.counter("pilu.crawl.announcements.published").increment(9);
        r.counter("pilu.enrich.records", "class", "IR_ACTIVITY_RECORD").increment(4);
        r.counter("pilu.enrich.records", "class", "OTHER").increment(5);
        r.counter("pilu.sink.docs.indexed").increment(7);
        r.counter("pilu.enrich.failures", "reason", "SerializationException").increment(1);
        r.counter("pilu.sink.docs.rejected", "error_type", "document_parsing_exception")
                .increment(2);

        PipelineStatus status = PipelineStatus.of(r);

        assertThat(status).isEqualTo(new PipelineStatus(9, 9, 7, 3));
        assertThat(status.describe()).isEqualTo("crawled 9 · enriched 9 · indexed 7 · dead-lettered 3");
    }

    @Test
    void servicesThatDidNotRunCountZero() {
        assertThat(PipelineStatus.of(new SimpleMeterRegistry())).isEqualTo(new PipelineStatus(0, 0, 0, 0));
    }
}
