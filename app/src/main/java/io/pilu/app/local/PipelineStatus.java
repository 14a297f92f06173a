package io.pilu.app.local;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * How far the local pipeline got, read from the shared registry: what each stage counted, no extra bookkeeping.
 *
 * @param crawled       announcements the crawler published to the raw topic
 * @param enriched      raw announcements the enrich stage turned into enriched ones
 * @param indexed       documents the sink created or updated in Elasticsearch
 * @param deadLettered  records enrich or sink sent to a dead-letter topic
 */
public record PipelineStatus(long crawled, long enriched, long indexed, long deadLettered) {

    public static PipelineStatus of(MeterRegistry registry) {
        return new PipelineStatus(
                sum(registry, "pilu.crawl.announcements.published"),
                sum(registry, "pilu.enrich.records"),
                sum(registry, "pilu.sink.docs.indexed"),
                sum(registry, "pilu.enrich.failures") + sum(registry, "pilu.sink.docs.rejected"));
    }

    private static long sum(MeterRegistry registry, String name) {
        return (long) registry.find(name).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    /** One line for people. */
    public String describe() {
        return String.format(
                "crawled %d · enriched %d · indexed %d · dead-lettered %d", crawled, enriched, indexed, deadLettered);
    }
}
