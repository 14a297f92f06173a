package io.pilu.infra.esnode;

import org.elasticsearch.common.settings.Settings;

/**
 * The node settings for a single local development/test node. Anything else can be added in
 * {@code <home>/config/elasticsearch.yml}, which is read as usual (these settings win over it).
 */
final class NodeSettings {

    private NodeSettings() {}

    static Settings of(NodeOptions options) {
        return of(options, runsOnG1());
    }

    /**
     * With {@code g1} false (a throughput collector, as {@code pilu local} runs the node: -XX:+UseParallelGC), the
     * parent circuit breaker counts what the node accounts for instead of the heap in use: the real-memory check
     * relies on G1's young collections to keep heap occupancy close to what is live; under the serial or parallel
     * collector the old generation fills up to the next full collection, and the breaker would refuse requests
     * (429) on a heap that is mostly garbage.
     */
    static Settings of(NodeOptions options, boolean g1) {
        return Settings.builder()
                .put("path.home", options.home().toString())
                .put("path.data", options.dataDir().toString())
                .put("path.logs", options.logsDir().toString())
                .put("cluster.name", options.clusterName())
                .put("node.name", options.nodeName())
                // One node that elects itself: no discovery, no bootstrap checks (they only apply to non-loopback
                // binds).
                .put("discovery.type", "single-node")
                .put("network.host", "127.0.0.1")
                .put("http.port", options.httpPort())
                // Nobody connects to the transport port; an ephemeral one lets several nodes share a machine.
                .put("transport.port", 0)
                .put("transport.type", "netty4")
                .put("http.type", "netty4")
                // A developer disk is often more than 90% full; the default watermarks would then refuse to allocate
                // shards and the cluster would never turn yellow.
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .put("indices.breaker.total.use_real_memory", g1)
                .build();
    }

    /** Whether this JVM collects with G1. */
    static boolean runsOnG1() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .anyMatch(gc -> gc.getName().startsWith("G1"));
    }
}
