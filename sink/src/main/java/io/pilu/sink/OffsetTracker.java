package io.pilu.sink;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets may be committed: per partition, the position after the longest prefix of consumed records that
 * are all acknowledged (indexed, deleted, skipped as stale, or dead-lettered with the dead letter acknowledged).
 * Acknowledgements arrive out of order because several bulk requests are in flight; committing the highest acked
 * offset instead would lose the records of a batch that is still retrying if the sink then crashed. Pure,
 * single-threaded (the consumer thread).
 */
public final class OffsetTracker {

    private static final class PartitionState {
        /** offset → acknowledged, for records consumed and not yet behind the committable position. */
        final TreeMap<Long, Boolean> pending = new TreeMap<>();

        long lastTracked = -1;
        long lastCommitted = -1;
    }

    private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();

    /** A record was consumed; offsets per partition arrive in increasing order. */
    public void track(TopicPartition tp, long offset) {
        PartitionState s = partitions.computeIfAbsent(tp, k -> new PartitionState());
        if (offset <= s.lastTracked) {
            throw new IllegalStateException("offset " + offset + " of " + tp + " tracked after " + s.lastTracked);
        }
        s.pending.put(offset, Boolean.FALSE);
        s.lastTracked = offset;
    }

    /** A record is done. Acks for partitions no longer owned (revoked meanwhile) are ignored. */
    public void ack(TopicPartition tp, long offset) {
        PartitionState s = partitions.get(tp);
        if (s != null && s.pending.containsKey(offset)) {
            s.pending.put(offset, Boolean.TRUE);
        }
    }

    /**
     * The offsets to commit now (next offset to read, Kafka's convention), only for partitions whose position
     * moved since the last {@link #markCommitted}.
     */
    public Map<TopicPartition, Long> committable() {
        Map<TopicPartition, Long> out = new HashMap<>();
        partitions.forEach((tp, s) -> {
            while (!s.pending.isEmpty() && s.pending.firstEntry().getValue()) {
                s.pending.pollFirstEntry();
            }
            long position = s.pending.isEmpty() ? s.lastTracked + 1 : s.pending.firstKey();
            if (s.lastTracked >= 0 && position > s.lastCommitted) {
                out.put(tp, position);
            }
        });
        return out;
    }

    public void markCommitted(Map<TopicPartition, Long> committed) {
        committed.forEach((tp, pos) -> {
            PartitionState s = partitions.get(tp);
            if (s != null) {
                s.lastCommitted = Math.max(s.lastCommitted, pos);
            }
        });
    }

    /** Forgets a partition (revoked). */
    public void remove(TopicPartition tp) {
        partitions.remove(tp);
    }

    /** Records consumed and not yet acknowledged, across partitions. */
    public int unacknowledged() {
        return partitions.values().stream()
                .mapToInt(s -> (int) s.pending.values().stream().filter(b -> !b).count())
                .sum();
    }
}
