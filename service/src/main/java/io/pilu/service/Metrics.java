package io.pilu.service;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * Creates the Prometheus registry a service exposes on {@code /metrics}, with JVM and process metrics bound and a
 * {@code service} tag on every series.
 *
 * <p>Naming convention for Pilu's own meters: Micrometer name {@code pilu.<stage>.<what>} with base units, which
 * Prometheus renders as {@code pilu_<stage>_<what>_<unit>} (counters get {@code _total}), e.g.
 * {@code pilu.crawl.requests} → {@code pilu_crawl_requests_total}, timer {@code pilu.sink.bulk.latency} →
 * {@code pilu_sink_bulk_latency_seconds}.
 */
public final class Metrics {

    private Metrics() {}

    /** A registry for {@code service} (crawl, enrich, sink, local) with JVM and process metrics bound. */
    public static PrometheusMeterRegistry newRegistry(String service) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("service", service);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }
}
