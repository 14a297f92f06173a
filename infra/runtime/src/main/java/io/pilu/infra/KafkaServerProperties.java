package io.pilu.infra;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code server.properties} of a single-node KRaft cluster: one JVM that is both the controller quorum (of one)
 * and the only broker, listening on 127.0.0.1.
 */
public final class KafkaServerProperties {

    /**
     * Settings that make a one-broker cluster behave: every internal topic at replication factor 1 (Kafka's defaults
     * of 3 fail or hang on one broker: e.g. exactly-once producers wait 60 s in initTransactions), no delay before
     * the first consumer-group rebalance. The in-JVM test cluster of pilu-testkit uses the same map.
     *
     * <p>{@code auto.create.topics.enable=false}: as in production, topics are created on purpose (by the app's
     * topic setup, or {@code SharedInfra.createTopic} in tests); a misspelt topic then fails instead of silently
     * appearing with one partition and default retention.
     */
    public static final Map<String, String> SINGLE_NODE_DEFAULTS = singleNodeDefaults();

    private static Map<String, String> singleNodeDefaults() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("offsets.topic.replication.factor", "1");
        // Fewer partitions than the default 50: the first consumer group of a run creates this topic; 5 is quicker.
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("num.partitions", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        return Map.copyOf(p);
    }

    private KafkaServerProperties() {}

    /**
     * @param logDir         log.dirs (also the metadata log); holds meta.properties with the cluster id
     * @param brokerPort     PLAINTEXT listener for clients
     * @param controllerPort CONTROLLER listener for the quorum
     * @param overrides      extra or replacing settings, applied last
     */
    public static Map<String, String> of(
            Path logDir, int brokerPort, int controllerPort, Map<String, String> overrides) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        p.putAll(new TreeMap<>(SINGLE_NODE_DEFAULTS));
        // The cleaner's 128 MB default dedupe buffer would take a quarter of a 512m heap; 16 MB compacts fine at
        // development volumes and lets the broker run in 256m.
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        // After a SIGKILL the restarted controller still holds the dead broker's session and fences it only when that
        // session expires: the default 9 s would be added to every crash-restart. 4 s with 1 s heartbeats (local,
        // in-process) still leaves room for GC pauses on a busy machine.
        p.put("broker.session.timeout.ms", "4000");
        p.put("broker.heartbeat.interval.ms", "1000");
        p.putAll(overrides);
        return p;
    }

    /**
     * Properties-file text in the order of {@code settings}, readable by people: only what the format requires is
     * escaped (separators in keys, a leading blank in a value, backslashes, control characters). Kafka reads the file
     * as ISO-8859-1, so anything outside printable ASCII (a data dir under a Chinese user name) becomes a unicode escape.
     */
    public static String render(Map<String, String> settings) {
        StringBuilder out = new StringBuilder("# Written by io.pilu.infra.KafkaBroker; rewritten at every start.\n");
        settings.forEach((key, value) -> out.append(escape(key, true))
                .append('=')
                .append(escape(value, false))
                .append('\n'));
        return out.toString();
    }

    static String escape(String s, boolean key) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\f' -> out.append("\\f");
                case ' ' -> out.append(key || i == 0 ? "\\ " : " ");
                case '=', ':', '#', '!' -> {
                    if (key) {
                        out.append('\\');
                    }
                    out.append(c);
                }
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
