package io.pilu.sink;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's consumer loop. One thread owns the consumer, the buffer and the offset tracker; up to
 * {@code maxInFlight} worker threads each write one batch through a {@link BatchWriter}.
 *
 * <p>Flow control: partitions are paused (and {@code poll()} keeps being called, so the group does not evict this
 * member) when a full batch is waiting for a free worker, or while any batch is retrying against a failing
 * cluster; they are resumed once the buffer drains. Memory is so bounded by (in-flight + 1) batches plus one
 * poll. Offsets are committed from the {@link OffsetTracker} only: the position after the last record whose
 * whole batch was acknowledged, dead letters included.
 */
public final class SinkConsumerLoop implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(SinkConsumerLoop.class);

    private record Completion(List<PendingDocument> batch, BatchWriter.Result result, Throwable failure) {}

    private final SinkConfig config;
    private final Consumer<byte[], byte[]> consumer;
    private final BatchWriter writer;
    private final SinkMetrics metrics;
    private final Clock clock;
    private final RecordDecoder decoder;
    private final DocumentBuffer buffer = new DocumentBuffer();
    private final OffsetTracker tracker = new OffsetTracker();
    private final AtomicInteger retryingBatches;
    private final LinkedBlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
    private final Map<String, Integer> inFlightIds = new HashMap<>();
    private final ExecutorService workers;
    private final Set<TopicPartition> paused = new HashSet<>();
    private volatile boolean running = true;
    private volatile boolean started;
    private volatile boolean assigned;
    private int inFlight;

    public SinkConsumerLoop(
            SinkConfig config,
            Consumer<byte[], byte[]> consumer,
            BatchWriter writer,
            AtomicInteger retryingBatches,
            SinkMetrics metrics,
            Clock clock) {
        this(
                config,
                consumer,
                writer,
                retryingBatches,
                metrics,
                clock,
                new EnrichedRecordDecoder(new EnrichedDocumentConverter()));
    }

    /** A sink of another topic: {@code decoder} turns its records into documents (research visits). */
    public SinkConsumerLoop(
            SinkConfig config,
            Consumer<byte[], byte[]> consumer,
            BatchWriter writer,
            AtomicInteger retryingBatches,
            SinkMetrics metrics,
            Clock clock,
            RecordDecoder decoder) {
        this.decoder = decoder;
        this.config = config;
        this.consumer = consumer;
        this.writer = writer;
        this.retryingBatches = retryingBatches;
        this.metrics = metrics;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(config.maxInFlight(), r -> {
            Thread t = new Thread(r, "pilu-sink-bulk-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Whether the loop has subscribed and polled at least once (readiness). */
    public boolean started() {
        return started;
    }

    /** Whether the group has assigned this member at least one partition. */
    public boolean assigned() {
        return assigned;
    }

    /** Asks the loop to stop; {@link #run()} then drains in-flight batches, commits and returns. */
    public void stop() {
        running = false;
        consumer.wakeup();
    }

    /**
     * Runs until {@link #stop()}.
     *
     * @throws SinkFailedException when a batch exhausted its retries or failed unexpectedly; its offsets were not
     *                             committed
     */
    @Override
    public void run() {
        consumer.subscribe(List.of(config.sourceTopic()), new Rebalance());
        try {
            try {
                loop();
            } catch (WakeupException e) {
                // stop() wakes the consumer up; the wake-up lands in whichever consumer call runs then (poll, but
                // also commitSync or currentLag): only a wake-up nobody asked for is a failure
                if (running) {
                    throw e;
                }
            }
            shutdown();
        } finally {
            workers.shutdownNow();
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private void loop() {
        while (running) {
            ConsumerRecords<byte[], byte[]> records;
            // short polls while work is pending, so completions are committed and lingering batches leave on
            // time
            records = consumer.poll(Duration.ofMillis(inFlight > 0 || !buffer.isEmpty() ? 10 : 200));
            started = true;
            long now = clock.millis();
            for (ConsumerRecord<byte[], byte[]> r : records) {
                tracker.track(new TopicPartition(r.topic(), r.partition()), r.offset());
                buffer.add(decoder.decode(r.topic(), r.partition(), r.offset(), r.key(), r.value()), now);
            }
            drainCompletions();
            dispatch(now);
            flowControl();
            commit();
            updateLag();
        }
    }

    private void dispatch(long now) {
        while (inFlight < config.maxInFlight()
                && buffer.ready(
                        now,
                        config.batchMaxDocs(),
                        config.batchMaxBytes(),
                        config.linger().toMillis())) {
            List<PendingDocument> batch =
                    buffer.take(config.batchMaxDocs(), config.batchMaxBytes(), inFlightIds.keySet());
            if (batch.isEmpty()) {
                return; // everything buffered waits for an id still in flight
            }
            batch.forEach(d -> d.orderingKeys().forEach(k -> inFlightIds.merge(k, 1, Integer::sum)));
            inFlight++;
            workers.execute(() -> {
                try {
                    completions.add(new Completion(batch, writer.write(batch), null));
                } catch (Throwable t) {
                    completions.add(new Completion(batch, null, t));
                }
            });
        }
    }

    private void drainCompletions() {
        Completion c;
        while ((c = completions.poll()) != null) {
            complete(c);
        }
    }

    private void complete(Completion c) {
        inFlight--;
        c.batch()
                .forEach(d -> d.orderingKeys()
                        .forEach(key -> inFlightIds.computeIfPresent(key, (k, v) -> v == 1 ? null : v - 1)));
        if (c.failure() != null) {
            if (c.failure() instanceof InterruptedException && !running) {
                return; // stopped while retrying: not acknowledged, read again after restart
            }
            throw new SinkFailedException(
                    "a batch of " + c.batch().size() + " records could not be written; its offsets "
                            + "are not committed and will be read again: "
                            + c.failure().getMessage(),
                    c.failure());
        }
        c.batch().forEach(d -> tracker.ack(d.topicPartition(), d.offset()));
    }

    private void flowControl() {
        boolean full = buffer.size() >= config.batchMaxDocs() || buffer.bytes() >= config.batchMaxBytes();
        boolean pause = full || retryingBatches.get() > 0;
        Set<TopicPartition> assigned = consumer.assignment();
        if (pause) {
            Set<TopicPartition> toPause = new HashSet<>(assigned);
            toPause.removeAll(paused);
            if (!toPause.isEmpty()) {
                consumer.pause(toPause);
                paused.addAll(toPause);
                log.debug(
                        "paused {} (buffer {} docs / {} bytes, {} batches retrying)",
                        toPause,
                        buffer.size(),
                        buffer.bytes(),
                        retryingBatches.get());
            }
        } else if (!paused.isEmpty()) {
            paused.retainAll(assigned);
            consumer.resume(paused);
            paused.clear();
        }
    }

    private void commit() {
        Map<TopicPartition, Long> positions = tracker.committable();
        if (positions.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        positions.forEach((tp, pos) -> offsets.put(tp, new OffsetAndMetadata(pos)));
        try {
            consumer.commitSync(offsets);
            tracker.markCommitted(positions);
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // the group moved on (this member was too slow or a rebalance started): the partitions' new owner
            // re-reads from the last committed offset and rewrites the same ids, so nothing is lost or duplicated
            log.warn("event=commit_skipped reason={}", e.toString());
        }
    }

    private void updateLag() {
        long lag = 0;
        for (TopicPartition tp : consumer.assignment()) {
            OptionalLong l = consumer.currentLag(tp);
            if (l.isPresent()) {
                lag += l.getAsLong();
            }
        }
        metrics.lag(lag);
    }

    /** Sends what is buffered, waits for in-flight batches up to the shutdown timeout, commits what completed. */
    private void shutdown() {
        long deadline = clock.millis() + config.shutdownTimeout().toMillis();
        try {
            while (clock.millis() < deadline && (inFlight > 0 || !buffer.isEmpty())) {
                dispatch(Long.MAX_VALUE / 2);
                Completion c = completions.poll(50, TimeUnit.MILLISECONDS);
                if (c != null) {
                    complete(c);
                    drainCompletions();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        commit();
        if (inFlight > 0 || !buffer.isEmpty()) {
            log.warn(
                    "event=sink_stopped_with_pending in_flight_batches={} buffered={} (not committed; read again on restart)",
                    inFlight,
                    buffer.size());
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // commit what is done for the partitions leaving; anything still buffered or in flight for them is
            // read again by the new owner, and writing it twice is harmless (same _id, external versions)
            drainCompletions();
            Map<TopicPartition, Long> positions = tracker.committable();
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            positions.forEach((tp, pos) -> {
                if (partitions.contains(tp)) {
                    offsets.put(tp, new OffsetAndMetadata(pos));
                }
            });
            if (!offsets.isEmpty()) {
                consumer.commitSync(offsets);
            }
            // A batch still in flight for them may ack later; if a partition comes back to this member, those acks
            // land on the re-read copies of the same offsets, which is right: those records were written.
            partitions.forEach(tracker::remove);
            buffer.removePartitions(partitions);
            paused.removeAll(partitions);
            log.info("event=partitions_revoked partitions={}", partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                assigned = true;
            }
            if (!paused.isEmpty() || retryingBatches.get() > 0) {
                consumer.pause(partitions);
                paused.addAll(partitions);
            }
            log.info("event=partitions_assigned partitions={}", partitions);
        }
    }
}
