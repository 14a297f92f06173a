package io.pilu.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The topic catalogue: every topic Pilu reads or writes, its default name and partition count, in one place.
 *
 * <p>Names can be changed as a whole with a prefix ({@code PILU_TOPIC_PREFIX}), e.g. to run two pipelines on one
 * cluster or to isolate a test; the defaults below are the names users subscribe to.
 */
public record Topics(
        String raw,
        String enriched,
        String irActivities,
        String entityMentions,
        String crawlerState,
        String dlqEnrich,
        String dlqSink,
        String researchVisits,
        String companyCoverage,
        String institutionCoverage,
        String dlqAnalytics) {

    /** Raw announcements, one per announcement, key = announcement id. */
    public static final String RAW = "pilu.announcements.raw";
    /** Enriched announcements, key = announcement id. */
    public static final String ENRICHED = "pilu.announcements.enriched";
    /** Enriched announcements that are IR activity records, key = announcement id. */
    public static final String IR_ACTIVITIES = "pilu.ir-activities";
    /** One record per entity mention, key = normalised entity name. */
    public static final String ENTITY_MENTIONS = "pilu.entity-mentions";
    /** The crawler's checkpoint (compacted), key = crawl source. */
    public static final String CRAWLER_STATE = "pilu.crawler.state";
    /** Records the enrich stage could not deserialize or process. */
    public static final String DLQ_ENRICH = "pilu.dlq.enrich";
    /** Records Elasticsearch rejected or the sink could not convert. */
    public static final String DLQ_SINK = "pilu.dlq.sink";

    /** One record per (IR announcement, participating institution), compacted; key = {@code {id}|{normalizedName}}. */
    public static final String RESEARCH_VISITS = "pilu.research-visits";
    /** Research coverage per company (compacted), key = company code. */
    public static final String COMPANY_COVERAGE = "pilu.company-coverage";
    /** Research coverage per institution (compacted), key = canonical institution name. */
    public static final String INSTITUTION_COVERAGE = "pilu.institution-coverage";
    /** IR records the analytics stage could not read. */
    public static final String DLQ_ANALYTICS = "pilu.dlq.analytics";

    /**
     * Partitions of the data topics, the most instances (times stream threads) of enrich, sink or analytics that can
     * share the work. 6 divides evenly among 1, 2, 3 and 6 of them, so each of a few 2-core instances gets the same
     * share; more partitions would cost every exactly-once commit more markers for no use at Pilu's rates (bench
     * enrich --partitions measures it). Existing topics keep their count; README says how to raise it.
     */
    public static final int DATA_PARTITIONS = 6;

    public Topics {
        Objects.requireNonNull(raw);
        Objects.requireNonNull(enriched);
        Objects.requireNonNull(irActivities);
        Objects.requireNonNull(entityMentions);
        Objects.requireNonNull(crawlerState);
        Objects.requireNonNull(dlqEnrich);
        Objects.requireNonNull(dlqSink);
        Objects.requireNonNull(researchVisits);
        Objects.requireNonNull(companyCoverage);
        Objects.requireNonNull(institutionCoverage);
        Objects.requireNonNull(dlqAnalytics);
    }

    /** The default names. */
    public static Topics defaults() {
        return new Topics(
                RAW,
                ENRICHED,
                IR_ACTIVITIES,
                ENTITY_MENTIONS,
                CRAWLER_STATE,
                DLQ_ENRICH,
                DLQ_SINK,
                RESEARCH_VISITS,
                COMPANY_COVERAGE,
                INSTITUTION_COVERAGE,
                DLQ_ANALYTICS);
    }

    /** Every name prefixed with {@code prefix} (as given, e.g. {@code "test-42."}). */
    public static Topics withPrefix(String prefix) {
        Topics d = defaults();
        return new Topics(
                prefix + d.raw,
                prefix + d.enriched,
                prefix + d.irActivities,
                prefix + d.entityMentions,
                prefix + d.crawlerState,
                prefix + d.dlqEnrich,
                prefix + d.dlqSink,
                prefix + d.researchVisits,
                prefix + d.companyCoverage,
                prefix + d.institutionCoverage,
                prefix + d.dlqAnalytics);
    }

    /** From the environment: {@code PILU_TOPIC_PREFIX} (default empty). */
    public static Topics fromEnv(Map<String, String> env) {
        String prefix = env.getOrDefault("PILU_TOPIC_PREFIX", "");
        return prefix.isEmpty() ? defaults() : withPrefix(prefix);
    }

    /** Every topic with how to create it. */
    public List<TopicSpec> all() {
        return all(DATA_PARTITIONS);
    }

    /** Every topic with how to create it, the data topics with {@code dataPartitions} partitions (benchmarks). */
    public List<TopicSpec> all(int dataPartitions) {
        return List.of(
                new TopicSpec(raw, dataPartitions, false),
                new TopicSpec(enriched, dataPartitions, false),
                new TopicSpec(irActivities, dataPartitions, false),
                new TopicSpec(entityMentions, dataPartitions, false),
                new TopicSpec(crawlerState, 1, true),
                new TopicSpec(dlqEnrich, 1, false),
                new TopicSpec(dlqSink, 1, false),
                new TopicSpec(researchVisits, dataPartitions, true),
                new TopicSpec(companyCoverage, dataPartitions, true),
                new TopicSpec(institutionCoverage, dataPartitions, true),
                new TopicSpec(dlqAnalytics, 1, false));
    }

    /** How a topic is created: name, partitions, and whether it is log-compacted. */
    public record TopicSpec(String name, int partitions, boolean compacted) {}
}
