package io.pilu.sink;

import io.pilu.service.Backoff;
import io.pilu.service.Sleeper;
import io.pilu.sink.es.BulkAction;
import io.pilu.sink.es.BulkItemResult;
import io.pilu.sink.es.BulkRequestBody;
import io.pilu.sink.es.EsRequestRejectedException;
import io.pilu.sink.es.EsRetryableException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one batch until every record in it has a final outcome: indexed, deleted, skipped as stale, or
 * dead-lettered (with the dead letter acknowledged by Kafka). Runs on a worker thread; retries block that thread
 * only, while the consumer thread keeps polling.
 *
 * <ul>
 *   <li>429 / 5xx items are re-sent alone (the accepted ones are not sent twice), after a backoff;</li>
 *   <li>a whole-request failure that may heal (no connection, 429, 5xx) re-sends the whole remaining batch;</li>
 *   <li>a whole-request 4xx that will not heal (413 too large, 400 unreadable) is bisected down to the one
 *       document responsible, which is dead-lettered with the HTTP status as error class;</li>
 *   <li>items rejected individually are dead-lettered with ES's error type and reason.</li>
 * </ul>
 */
public final class BatchWriter {

    private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);

    /** Counts of what happened to one batch. */
    public record Result(int indexed, int deleted, int stale, int deadLettered, long retries) {}

    private final BulkSender sender;
    private final String index;
    private final DeadLetterPublisher deadLetters;
    private final RetryPolicy policy;
    private final DoubleSupplier jitter;
    private final Sleeper sleeper;
    private final SinkMetrics metrics;
    private final AtomicInteger retryingBatches;
    private final FilingMerger merger;

    /** A writer whose documents are not merged from several records (no {@link BulkAction.Withdraw}). */
    public BatchWriter(
            BulkSender sender,
            String index,
            DeadLetterPublisher deadLetters,
            RetryPolicy policy,
            DoubleSupplier jitter,
            Sleeper sleeper,
            SinkMetrics metrics,
            AtomicInteger retryingBatches) {
        this(sender, index, deadLetters, policy, jitter, sleeper, metrics, retryingBatches, FilingMerger.NONE);
    }

    /**
     * @param jitter          uniform in [0, 1) ({@link Backoff#RANDOM}; tests fix it)
     * @param retryingBatches incremented while this batch is waiting to retry, so the consumer thread can pause
     *                        every partition: while ES is failing, there is no point reading further
     * @param filings         what the merge of a filing's arrivals reads ({@link FilingMerger}); actions are resolved
     *                        before every attempt, so a conflict with another writer is resolved from the new state
     */
    public BatchWriter(
            BulkSender sender,
            String index,
            DeadLetterPublisher deadLetters,
            RetryPolicy policy,
            DoubleSupplier jitter,
            Sleeper sleeper,
            SinkMetrics metrics,
            AtomicInteger retryingBatches,
            FilingMerger.Store filings) {
        this.merger = new FilingMerger(filings);
        this.sender = sender;
        this.index = index;
        this.deadLetters = deadLetters;
        this.policy = policy;
        this.jitter = jitter;
        this.sleeper = sleeper;
        this.metrics = metrics;
        this.retryingBatches = retryingBatches;
    }

    public Result write(List<PendingDocument> batch) throws InterruptedException, RetriesExhaustedException {
        List<PendingDocument> rejected = new ArrayList<>();
        List<PendingDocument> toSend = new ArrayList<>();
        for (PendingDocument d : batch) {
            (d.action() == null ? rejected : toSend).add(d);
        }
        int indexed = 0;
        int deleted = 0;
        int stale = 0;
        long retries = 0;
        boolean retrying = false;
        // Each chunk says whether its arrivals are read before they are resolved: not at first (sent as creates,
        // see FilingMerger), yes once a conditional write of theirs conflicted.
        Deque<Chunk> work = new ArrayDeque<>();
        if (!toSend.isEmpty()) {
            work.add(new Chunk(toSend, false));
        }
        try {
            while (!work.isEmpty()) {
                Chunk next = work.pollFirst();
                List<PendingDocument> chunk = next.documents();
                // A merged document's actions are resolved against what is stored now (see FilingMerger); a
                // skipped one (stale) is not sent.
                List<BulkAction> resolved;
                try {
                    resolved = merger.resolve(
                            index, chunk.stream().map(PendingDocument::action).toList(), next.readArrivals());
                } catch (EsRetryableException e) {
                    metrics.retry("resolve_" + (e.status() == 0 ? "connection" : "http_" + e.status()));
                    work.addFirst(next);
                    if (!retrying) {
                        retrying = true;
                        retryingBatches.incrementAndGet();
                    }
                    retries = pause(retries, e);
                    continue;
                }
                List<Integer> sent = new ArrayList<>(chunk.size());
                for (int i = 0; i < resolved.size(); i++) {
                    if (resolved.get(i) instanceof BulkAction.Skip) {
                        stale++;
                    } else {
                        sent.add(i);
                    }
                }
                if (sent.isEmpty()) {
                    continue;
                }
                List<BulkAction> actions = sent.stream().map(resolved::get).toList();
                byte[] body = BulkRequestBody.of(actions);
                long start = System.nanoTime();
                Exception failure;
                try {
                    List<BulkItemResult> results = sender.send(index, body, actions.size());
                    metrics.bulk(System.nanoTime() - start, actions.size(), body.length);
                    List<PendingDocument> again = new ArrayList<>();
                    for (int j = 0; j < results.size(); j++) {
                        BulkItemResult r = results.get(j);
                        PendingDocument d = chunk.get(sent.get(j));
                        BulkItemResult.Outcome outcome = r.outcome();
                        if (outcome == BulkItemResult.Outcome.STALE
                                && actions.get(j) instanceof BulkAction.Conditional) {
                            // another writer changed the document after it was read: resolve and send again
                            outcome = BulkItemResult.Outcome.RETRY;
                        }
                        switch (outcome) {
                            case INDEXED -> indexed++;
                            case DELETED -> deleted++;
                            case STALE -> stale++;
                            case RETRY -> again.add(d);
                            case REJECTED ->
                                rejected.add(d.rejected(
                                        r.errorType() == null ? "http_" + r.status() : r.errorType(), r.reason()));
                        }
                    }
                    if (again.isEmpty()) {
                        continue;
                    }
                    int status = results.stream()
                            .filter(r -> r.outcome() == BulkItemResult.Outcome.RETRY)
                            .findFirst()
                            .map(BulkItemResult::status)
                            .orElse(409); // a conflict of a conditional write
                    // a create sent unread that found its filing there is the expected way to learn of it
                    metrics.retry(status == 409 && !next.readArrivals() ? "filing_exists" : "item_" + status);
                    work.addFirst(new Chunk(again, true));
                    failure = null;
                } catch (EsRetryableException e) {
                    metrics.retry(e.status() == 0 ? "connection" : "http_" + e.status());
                    work.addFirst(next);
                    failure = e;
                } catch (EsRequestRejectedException e) {
                    if (chunk.size() == 1) {
                        rejected.add(chunk.get(0).rejected("http_" + e.status(), e.getMessage()));
                    } else {
                        int mid = chunk.size() / 2;
                        work.addFirst(
                                new Chunk(new ArrayList<>(chunk.subList(mid, chunk.size())), next.readArrivals()));
                        work.addFirst(new Chunk(new ArrayList<>(chunk.subList(0, mid)), next.readArrivals()));
                    }
                    continue;
                }
                if (!retrying) {
                    retrying = true;
                    retryingBatches.incrementAndGet();
                }
                retries = pause(retries, failure);
            }
            List<PendingDocument> unsent = rejected;
            boolean shortened = false;
            while (!unsent.isEmpty()) {
                List<DeadLetterPublisher.Failure> failures = deadLetters.send(unsent, shortened);
                unsent = failures.stream()
                        .map(DeadLetterPublisher.Failure::document)
                        .toList();
                if (unsent.isEmpty()) {
                    break;
                }
                Throwable cause = failures.get(0).cause();
                boolean willNotHeal = failures.stream().anyMatch(f -> !(f.cause() instanceof RetriableException));
                if (willNotHeal) {
                    // Retrying the same bytes cannot succeed (e.g. a record over the topic's max.message.bytes).
                    // Once: send the dead letter with its value shortened, keeping the reason and the coordinates.
                    // If Kafka still refuses, the batch fails loudly instead of retrying forever.
                    if (shortened) {
                        throw new RetriesExhaustedException(
                                "the dead-letter topic refuses " + unsent.size() + " dead letter(s) even shortened: "
                                        + cause,
                                cause);
                    }
                    log.warn("event=dead_letter_shortened count={} cause={}", unsent.size(), cause.toString());
                    metrics.retry("dead_letter_too_large");
                    shortened = true;
                    continue;
                }
                // the DLQ topic is unavailable: the offsets cannot be committed until it is, so wait for it
                // (bounded by --max-retries like every other retry)
                metrics.retry("dead_letter_topic");
                if (!retrying) {
                    retrying = true;
                    retryingBatches.incrementAndGet();
                }
                retries = pause(retries, cause);
            }
            rejected.forEach(d -> metrics.rejected(d.errorClass()));
            metrics.indexed(indexed);
            metrics.deleted(deleted);
            metrics.staleSkipped(stale);
            return new Result(indexed, deleted, stale, rejected.size(), retries);
        } finally {
            if (retrying) {
                retryingBatches.decrementAndGet();
            }
        }
    }

    private long pause(long retries, Throwable failure) throws InterruptedException, RetriesExhaustedException {
        if (!policy.allowsRetry(retries)) {
            throw new RetriesExhaustedException(
                    "gave up after " + retries + " retries: "
                            + (failure == null ? "items kept failing with 429/5xx" : failure.getMessage()),
                    failure);
        }
        Duration delay = policy.backoff().delay(retries + 1, jitter);
        if (retries == 0 || retries % 10 == 0) {
            log.warn(
                    "event=bulk_retry retry={} delay_ms={} cause={}",
                    retries + 1,
                    delay.toMillis(),
                    failure == null ? "items answered 429/5xx" : failure.getMessage());
        }
        sleeper.sleep(delay);
        return retries + 1;
    }

    /** Documents sent together, and whether their arrivals are read from the index before they are resolved. */
    private record Chunk(List<PendingDocument> documents, boolean readArrivals) {}
}
