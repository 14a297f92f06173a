package io.pilu.analytics.query;

import io.pilu.analytics.topology.Side;
import io.pilu.model.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Finds where an answer lives and gets it whole. A key's answer comes from the instance that owns its partition
 * (Streams' key metadata, fed by every instance's {@code application.server}), else from a standby holding a
 * copy; a ranking is gathered from every instance, each ranking the partitions it owns, and is refused unless every
 * partition answered. While Streams is not RUNNING nothing is answered: {@link UnavailableException} (503).
 */
public final class QueryRouter {

    /** Request header marking a forwarded request: answer locally, never forward again. */
    public static final String HOP_HEADER = "X-Pilu-Hop";

    public static final String HOP_OWNER = "owner";
    public static final String HOP_STANDBY = "standby";
    public static final String HOP_PART = "part";

    private final KafkaStreams streams;
    private final HostInfo self;
    private final String applicationId;
    private final int partitions;
    private final HttpClient http;
    private final Duration timeout;

    public QueryRouter(KafkaStreams streams, HostInfo self, String applicationId, int partitions, Duration timeout) {
        this.streams = streams;
        this.self = self;
        this.applicationId = applicationId;
        this.partitions = partitions;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The answer from a forwarded request, passed on unchanged. */
    public record Remote(int status, String body) {}

    /** Either a local answer or a remote one. */
    public sealed interface Answer<T> {
        record Local<T>(T value) implements Answer<T> {}

        record Forwarded<T>(Remote remote) implements Answer<T> {}
    }

    public void requireRunning() {
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            throw new UnavailableException("analytics is " + state + " (a rebalance or a restore is under way)");
        }
    }

    /**
     * The answer for {@code key} on {@code side}: local when this instance owns it, else from the owner, else
     * from a standby. {@code hop} is the request's {@link #HOP_HEADER} (null for a client's request).
     */
    public <T> Answer<T> lookup(
            Side side, String key, String hop, String pathAndQuery, Function<LocalQueries, T> query) {
        requireRunning();
        KeyQueryMetadata meta = streams.queryMetadataForKey(
                side.visitsStore(), key, Serdes.String().serializer());
        if (meta == null || meta == KeyQueryMetadata.NOT_AVAILABLE || meta.activeHost() == null) {
            throw new UnavailableException(
                    "no instance owns " + side.visitsStore() + " partition of '" + key + "' yet");
        }
        if (HOP_STANDBY.equals(hop)) {
            return new Answer.Local<>(query.apply(local(meta.partition(), true)));
        }
        if (self.equals(meta.activeHost())) {
            return new Answer.Local<>(query.apply(local(meta.partition(), false)));
        }
        if (HOP_OWNER.equals(hop)) {
            // forwarded here, but ownership moved on meanwhile: the caller retries after the rebalance
            throw new UnavailableException("partition " + meta.partition() + " is no longer owned here");
        }
        List<String> failures = new ArrayList<>();
        Remote owner = forward(meta.activeHost(), pathAndQuery, HOP_OWNER, failures);
        if (owner != null) {
            return new Answer.Forwarded<>(owner);
        }
        for (HostInfo standby : meta.standbyHosts()) {
            if (self.equals(standby)) {
                return new Answer.Local<>(query.apply(local(meta.partition(), true)));
            }
            Remote copy = forward(standby, pathAndQuery, HOP_STANDBY, failures);
            if (copy != null) {
                return new Answer.Forwarded<>(copy);
            }
        }
        throw new UnavailableException("neither the owner nor a standby of '" + key + "' answered: " + failures);
    }

    /** A request to {@code host}; null when it failed or could not answer whole (recorded in {@code failures}). */
    private Remote forward(HostInfo host, String pathAndQuery, String hop, List<String> failures) {
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery))
                            .timeout(timeout)
                            .header(HOP_HEADER, hop)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() == 200 || r.statusCode() == 400) {
                return new Remote(r.statusCode(), r.body());
            }
            failures.add(host + " answered " + r.statusCode());
            return null;
        } catch (IOException e) {
            failures.add(host + ": " + e);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while asking " + host);
        }
    }

    /** Queries on this instance's store partition {@code partition} (a standby's copy when {@code stale}). */
    public LocalQueries local(int partition, boolean stale) {
        return new LocalQueries(new LocalQueries.StoreAccess() {
            @Override
            public <K, V> ReadOnlyKeyValueStore<K, V> store(String name) {
                StoreQueryParameters<ReadOnlyKeyValueStore<K, V>> p = StoreQueryParameters.fromNameAndType(
                                name, QueryableStoreTypes.<K, V>keyValueStore())
                        .withPartition(partition);
                try {
                    return streams.store(stale ? p.enableStaleStores() : p);
                } catch (InvalidStateStoreException e) {
                    throw new UnavailableException(
                            "store " + name + " partition " + partition + " is not queryable here: " + e.getMessage(),
                            e);
                }
            }
        });
    }

    /** The partitions of {@code side}'s stores this instance owns (active tasks), from Streams' thread metadata. */
    public Set<Integer> ownedPartitions(Side side) {
        String topic = repartitionTopic(side);
        Set<Integer> owned = new TreeSet<>();
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            for (TaskMetadata task : thread.activeTasks()) {
                for (TopicPartition tp : task.topicPartitions()) {
                    if (tp.topic().equals(topic)) {
                        owned.add(tp.partition());
                    }
                }
            }
        }
        return owned;
    }

    /** Which partitions a part covers, and whether from standby copies. */
    public record PartSpec(Set<Integer> partitions, boolean stale) {}

    /**
     * A ranking gathered from every instance: each returns its rows over the partitions it owns ({@code local} here,
     * {@code internalPath} elsewhere). When an instance does not answer, the partitions it owns are asked of an
     * instance holding a standby copy (here or elsewhere). Fails unless together they cover every partition once.
     */
    public <P> List<P> gather(
            Side side,
            String internalPath,
            Class<P> partType,
            Function<P, Collection<Integer>> partitionsOf,
            Function<PartSpec, P> local) {
        requireRunning();
        String topic = repartitionTopic(side);
        Collection<StreamsMetadata> hosts = streams.streamsMetadataForStore(side.visitsStore());
        List<P> parts = new ArrayList<>();
        Set<Integer> covered = new TreeSet<>();
        Set<Integer> missing = new TreeSet<>();
        List<String> failures = new ArrayList<>();
        Set<HostInfo> down = new java.util.HashSet<>();
        for (StreamsMetadata host : hosts) {
            P part;
            if (self.equals(host.hostInfo())) {
                part = local.apply(new PartSpec(ownedPartitions(side), false));
            } else {
                part = remotePart(host.hostInfo(), internalPath, HOP_PART, partType, failures);
                if (part == null) {
                    down.add(host.hostInfo());
                    missing.addAll(partitionsOf(host.topicPartitions(), topic));
                    continue;
                }
            }
            add(parts, covered, part, partitionsOf);
        }
        for (StreamsMetadata host : hosts) {
            if (missing.isEmpty()) {
                break;
            }
            if (down.contains(host.hostInfo())) {
                continue;
            }
            Set<Integer> copies = partitionsOf(host.standbyTopicPartitions(), topic);
            copies.retainAll(missing);
            if (copies.isEmpty()) {
                continue;
            }
            P part = self.equals(host.hostInfo())
                    ? local.apply(new PartSpec(copies, true))
                    : remotePart(
                            host.hostInfo(),
                            internalPath + "&partitions=" + join(copies),
                            HOP_STANDBY,
                            partType,
                            failures);
            if (part != null) {
                add(parts, covered, part, partitionsOf);
                missing.removeAll(partitionsOf.apply(part));
            }
        }
        if (covered.size() != partitions) {
            throw new UnavailableException("only partitions " + covered + " of " + partitions + " answered"
                    + (failures.isEmpty() ? "" : ": " + failures));
        }
        return parts;
    }

    private <P> void add(List<P> parts, Set<Integer> covered, P part, Function<P, Collection<Integer>> partitionsOf) {
        for (Integer p : partitionsOf.apply(part)) {
            if (!covered.add(p)) {
                throw new UnavailableException("partition " + p + " answered twice (ownership is moving)");
            }
        }
        parts.add(part);
    }

    private <P> P remotePart(HostInfo host, String path, String hop, Class<P> type, List<String> failures) {
        Remote r = forward(host, path, hop, failures);
        if (r == null) {
            return null;
        }
        if (r.status() != 200) {
            failures.add(host + " answered " + r.status() + ": " + r.body());
            return null;
        }
        try {
            return Json.mapper().readValue(r.body(), type);
        } catch (IOException e) {
            failures.add(host + " answered unreadable JSON: " + e.getMessage());
            return null;
        }
    }

    private String repartitionTopic(Side side) {
        return applicationId + "-" + side.repartitionName() + "-repartition";
    }

    private static Set<Integer> partitionsOf(Set<TopicPartition> tps, String topic) {
        Set<Integer> out = new TreeSet<>();
        for (TopicPartition tp : tps) {
            if (tp.topic().equals(topic)) {
                out.add(tp.partition());
            }
        }
        return out;
    }

    private static String join(Set<Integer> partitions) {
        return String.join(",", partitions.stream().map(String::valueOf).toList());
    }
}
