package io.pilu.analytics.topology;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/** The topology's own meters: visits published and retracted, records applied, skipped as stale, dead-lettered. */
public final class AnalyticsMetrics {

    private final MeterRegistry registry;
    private final Counter applied;
    private final Counter withdrawn;
    private final Counter published;
    private final Counter retracted;
    private final Counter stale;

    public AnalyticsMetrics(MeterRegistry registry) {
        this.registry = registry;
        applied = Counter.builder("pilu.analytics.records.applied")
                .description("IR records applied (new or replacing versions)")
                .register(registry);
        withdrawn = Counter.builder("pilu.analytics.records.withdrawn")
                .description("tombstones read on the IR topic")
                .register(registry);
        published = Counter.builder("pilu.analytics.visits.published")
                .description("visits published (new or changed)")
                .register(registry);
        retracted = Counter.builder("pilu.analytics.visits.retracted")
                .description("visits retracted (withdrawn announcement or institution dropped)")
                .register(registry);
        stale = Counter.builder("pilu.analytics.records.stale.skipped")
                .description("IR records skipped: an older enrichment version than the one applied")
                .register(registry);
        for (Side side : Side.values()) {
            aggregatedCounter(side);
        }
        // exist at 0 from the start, so the first dead letter already shows in increase()
        for (String reason : List.of(
                FilingRouter.KEY_MISMATCH,
                FilingRouter.NO_COMPANY,
                FilingRouter.TOMBSTONE_WITHOUT_KEY,
                "org.apache.kafka.common.errors.SerializationException")) {
            failedCounter(reason);
        }
    }

    private Counter aggregatedCounter(Side side) {
        return Counter.builder("pilu.analytics.changes.aggregated")
                .tag("side", side.name().toLowerCase(java.util.Locale.ROOT))
                .description("visit changes applied to the coverage stores, per side")
                .register(registry);
    }

    void aggregated(Side side) {
        aggregatedCounter(side).increment();
    }

    /** Changes applied on {@code side} so far (benchmarks wait on it). */
    public double aggregatedCount(Side side) {
        return aggregatedCounter(side).count();
    }

    /** Visits published so far. */
    public double publishedCount() {
        return published.count();
    }

    private Counter failedCounter(String reason) {
        return Counter.builder("pilu.analytics.failures")
                .tag("reason", reason)
                .description("IR records sent to pilu.dlq.analytics")
                .register(registry);
    }

    void applied() {
        applied.increment();
    }

    void withdrawn() {
        withdrawn.increment();
    }

    void published() {
        published.increment();
    }

    void retracted() {
        retracted.increment();
    }

    void stale() {
        stale.increment();
    }

    void failed(String reason) {
        failedCounter(reason).increment();
    }
}
