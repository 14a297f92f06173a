package io.pilu.sink;

import io.pilu.sink.es.BulkAction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Consumed records waiting for a bulk request, in consumption order. Pure (the caller passes the time).
 *
 * <p>{@link #take} never puts a document id into a batch while another in-flight batch writes the same id, nor
 * lets a later record of an id overtake an earlier one it skipped: with several bulk requests in flight, a
 * tombstone could otherwise reach ES before the index it follows and leave a deleted announcement searchable.
 * (Two versions of one id racing would be harmless thanks to external versioning; a delete has no version.) Ids here
 * are the actions' {@linkplain PendingDocument#orderingKeys() ordering keys}: a filing's arrival also holds its raw
 * id, so the arrival's withdrawal (which finds its filing by searching) waits until the arrival is written; for the
 * same reason a withdrawal or an arrival never joins a batch that already writes its filing or its arrival (both are
 * resolved against the stored document before sending, see {@link io.pilu.sink.FilingMerger}).
 */
public final class DocumentBuffer {

    private record Entry(PendingDocument doc, long addedAtMs) {}

    private final Deque<Entry> entries = new ArrayDeque<>();
    private long bytes;

    public void add(PendingDocument doc, long nowMs) {
        entries.addLast(new Entry(doc, nowMs));
        bytes += doc.estimatedBytes();
    }

    public int size() {
        return entries.size();
    }

    public long bytes() {
        return bytes;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Whether a batch should go now: enough documents, enough bytes, or the oldest has waited {@code lingerMs}. */
    public boolean ready(long nowMs, int maxDocs, long maxBytes, long lingerMs) {
        if (entries.isEmpty()) {
            return false;
        }
        return entries.size() >= maxDocs
                || bytes >= maxBytes
                || nowMs - entries.peekFirst().addedAtMs() >= lingerMs;
    }

    /**
     * Removes and returns the next batch: up to {@code maxDocs} documents and {@code maxBytes} (a single larger
     * document still goes, alone), skipping ids in {@code busyIds} and everything after them with the same id.
     */
    public List<PendingDocument> take(int maxDocs, long maxBytes, Set<String> busyIds) {
        List<PendingDocument> batch = new ArrayList<>();
        Set<String> blocked = new HashSet<>(busyIds);
        Set<String> inBatch = new HashSet<>();
        long batchBytes = 0;
        for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
            PendingDocument d = it.next().doc();
            List<String> keys = d.orderingKeys();
            if (keys.stream().anyMatch(blocked::contains)) {
                blocked.addAll(keys);
                continue;
            }
            long size = d.estimatedBytes();
            if (!batch.isEmpty() && (batch.size() >= maxDocs || batchBytes + size > maxBytes)) {
                break;
            }
            if ((d.action() instanceof BulkAction.Withdraw || d.action() instanceof BulkAction.Arrival)
                    && keys.stream().anyMatch(inBatch::contains)) {
                // resolved against the stored document before sending: it must see the earlier write completed
                break;
            }
            inBatch.addAll(keys);
            batch.add(d);
            batchBytes += size;
            bytes -= size;
            it.remove();
        }
        return batch;
    }

    /** Drops the records of partitions this consumer no longer owns (their new owner reads them again). */
    public void removePartitions(Collection<TopicPartition> partitions) {
        Set<TopicPartition> gone = new HashSet<>(partitions);
        for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
            PendingDocument d = it.next().doc();
            if (gone.contains(d.topicPartition())) {
                bytes -= d.estimatedBytes();
                it.remove();
            }
        }
    }
}
