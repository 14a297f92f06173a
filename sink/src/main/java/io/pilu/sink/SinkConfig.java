package io.pilu.sink;

import io.pilu.sink.es.ElasticsearchSettings;
import io.pilu.sink.es.IndexTemplate;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything {@code pilu sink} can be configured with, as code: one record, each component documented with its
 * default (the defaults are the constants below; {@link io.pilu.sink.cli.SinkCommand} maps flags and
 * {@code PILU_SINK_*} variables onto it).
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param sourceTopic      the enriched topic to read (default {@code pilu.announcements.enriched}, prefixable)
 * @param dlqTopic         where rejected and unreadable records go (default {@code pilu.dlq.sink}, prefixable)
 * @param groupId          consumer group (default {@value #DEFAULT_GROUP_ID}); offsets are committed under it
 * @param es               Elasticsearch URL and credentials
 * @param indexAlias       write alias (default {@value #DEFAULT_INDEX_ALIAS}); the first index behind it is
 *                         {@code <alias>-v1}, created from the sink's template
 * @param batchMaxDocs     a bulk request is sent once this many documents are buffered (default {@value #DEFAULT_BATCH_MAX_DOCS})
 * @param batchMaxBytes    ... or once the NDJSON body reaches this size (default {@value #DEFAULT_BATCH_MAX_BYTES}, 5 MiB)
 * @param linger           ... or once the oldest buffered document has waited this long (default 50 ms: at a
 *                         trickle of new filings a document should not wait for company; under load batches fill
 *                         by count or bytes long before; with the refresh interval it bounds raw → searchable, and
 *                         at 100 records/s neither 50 nor 200 ms showed in the sink's or the node's CPU)
 * @param maxInFlight      bulk requests outstanding at once (default {@value #DEFAULT_MAX_IN_FLIGHT}); when all are
 *                         busy and a full batch is waiting, the consumer pauses its partitions
 * @param retry            backoff and retry limit for 429, 5xx and connection failures
 * @param shutdownTimeout  how long a stopping sink waits for in-flight bulk requests before it gives up on them
 *                         (their offsets are then not committed, so nothing is lost; default 30 s)
 * @param refreshInterval  the write index's {@code index.refresh_interval}: how soon an indexed document becomes
 *                         searchable (default {@value #DEFAULT_REFRESH_INTERVAL_MS} ms, for p99 raw → searchable
 *                         under 1 s; Elasticsearch's own is 1 s, and at 100 records/s 250 ms cost the node no
 *                         measurable CPU; negative: never, refresh by hand)
 * @param analyzer         the Chinese analysis of indices the sink creates ({@code cjk} bigrams by default, or
 *                         {@code smartcn}; see {@link IndexTemplate.ChineseAnalyzer}); an existing index keeps its own
 */
public record SinkConfig(
        String bootstrapServers,
        String sourceTopic,
        String dlqTopic,
        String groupId,
        ElasticsearchSettings es,
        String indexAlias,
        int batchMaxDocs,
        long batchMaxBytes,
        Duration linger,
        int maxInFlight,
        RetryPolicy retry,
        Duration shutdownTimeout,
        Duration refreshInterval,
        IndexTemplate.ChineseAnalyzer analyzer) {

    public static final String DEFAULT_GROUP_ID = "pilu-sink";
    public static final String DEFAULT_INDEX_ALIAS = "pilu-announcements";
    public static final int DEFAULT_BATCH_MAX_DOCS = 500;
    public static final long DEFAULT_BATCH_MAX_BYTES = 5L * 1024 * 1024;
    public static final long DEFAULT_LINGER_MS = 50;
    public static final int DEFAULT_MAX_IN_FLIGHT = 2;
    public static final long DEFAULT_SHUTDOWN_TIMEOUT_MS = 30_000;
    public static final long DEFAULT_REFRESH_INTERVAL_MS = 250;

    /** With the default refresh interval and analysis. */
    public SinkConfig(
            String bootstrapServers,
            String sourceTopic,
            String dlqTopic,
            String groupId,
            ElasticsearchSettings es,
            String indexAlias,
            int batchMaxDocs,
            long batchMaxBytes,
            Duration linger,
            int maxInFlight,
            RetryPolicy retry,
            Duration shutdownTimeout) {
        this(
                bootstrapServers,
                sourceTopic,
                dlqTopic,
                groupId,
                es,
                indexAlias,
                batchMaxDocs,
                batchMaxBytes,
                linger,
                maxInFlight,
                retry,
                shutdownTimeout,
                Duration.ofMillis(DEFAULT_REFRESH_INTERVAL_MS),
                IndexTemplate.DEFAULT_ANALYZER);
    }

    /** The same, reading from {@code servers} and writing to the node at {@code esUrl} ({@code pilu local}). */
    public SinkConfig on(String servers, String esUrl) {
        return new SinkConfig(
                servers,
                sourceTopic,
                dlqTopic,
                groupId,
                es.withUrl(esUrl),
                indexAlias,
                batchMaxDocs,
                batchMaxBytes,
                linger,
                maxInFlight,
                retry,
                shutdownTimeout,
                refreshInterval,
                analyzer);
    }

    public SinkConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(sourceTopic, "sourceTopic");
        Objects.requireNonNull(dlqTopic, "dlqTopic");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(es, "es");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(linger, "linger");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        Objects.requireNonNull(refreshInterval, "refreshInterval");
        Objects.requireNonNull(analyzer, "analyzer");
        if (indexAlias == null || !indexAlias.matches("[a-z0-9][a-z0-9._-]*")) {
            throw new IllegalArgumentException(
                    "index alias must be a lower-case Elasticsearch name, got '" + indexAlias + "'");
        }
        if (batchMaxDocs < 1) {
            throw new IllegalArgumentException("batch max docs must be >= 1, got " + batchMaxDocs);
        }
        if (batchMaxBytes < 1024) {
            throw new IllegalArgumentException("batch max bytes must be >= 1024, got " + batchMaxBytes);
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("max in-flight requests must be >= 1, got " + maxInFlight);
        }
        if (linger.isNegative()) {
            throw new IllegalArgumentException("linger must not be negative, got " + linger);
        }
    }

    /** Secrets are masked by {@link ElasticsearchSettings#toString()}, so this is safe to log. */
    @Override
    public String toString() {
        return "SinkConfig[bootstrapServers=" + bootstrapServers + ", sourceTopic=" + sourceTopic
                + ", dlqTopic=" + dlqTopic + ", groupId=" + groupId + ", es=" + es + ", indexAlias=" + indexAlias
                + ", batchMaxDocs=" + batchMaxDocs + ", batchMaxBytes=" + batchMaxBytes + ", linger=" + linger
                + ", maxInFlight=" + maxInFlight + ", retry=" + retry + ", shutdownTimeout=" + shutdownTimeout
                + ", refreshInterval=" + refreshInterval + ", analyzer=" + analyzer.configName() + "]";
    }
}
