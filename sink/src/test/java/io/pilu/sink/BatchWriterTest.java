package io.pilu.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pilu.model.DeadLetter;
import io.pilu.model.JsonSerde;
import io.pilu.service.Sleeper;
import io.pilu.sink.es.BulkAction;
import io.pilu.sink.es.BulkItemResult;
import io.pilu.sink.es.EsRequestRejectedException;
import io.pilu.sink.es.EsRetryableException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class BatchWriterTest {

    /** A scripted Elasticsearch: each call answers with the next scripted reply and records what it was sent. */
    private static final class ScriptedSender implements BulkSender {
        interface Reply {
            List<BulkItemResult> answer(List<String> ids) throws EsRetryableException, EsRequestRejectedException;
        }

        final Deque<Reply> replies = new ArrayDeque<>();
        final List<List<String>> calls = new ArrayList<>();

        @Override
        public List<BulkItemResult> send(String index, byte[] body, int actionCount)
                throws EsRetryableException, EsRequestRejectedException {
            List<String> ids = new ArrayList<>();
            for (String line : new String(body, StandardCharsets.UTF_8).split("\n")) {
                int i = line.indexOf("\"_id\":\"");
                if (i >= 0) {
                    ids.add(line.substring(i + 7, line.indexOf('"', i + 7)));
                }
            }
            assertThat(ids).hasSize(actionCount);
            calls.add(ids);
            Reply r = replies.isEmpty() ? all(201) : replies.poll();
            return r.answer(ids);
        }

        static Reply all(int status) {
            return ids -> ids.stream()
                    .map(id -> BulkItemResult.of("index", status, null, null))
                    .toList();
        }
    }

    private final ScriptedSender es = new ScriptedSender();
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SinkMetrics metrics = new SinkMetrics(registry);
    private final List<Long> sleeps = new ArrayList<>();
    private final AtomicInteger retrying = new AtomicInteger();
    private final AtomicInteger retryingSeenWhileSleeping = new AtomicInteger();

    private BatchWriter writer(long maxRetries) {
        RetryPolicy policy = new RetryPolicy(Duration.ofMillis(100), Duration.ofMillis(1_000), maxRetries);
        DeadLetterPublisher dlq = new DeadLetterPublisher(
                producer, "dlq", Clock.fixed(Instant.parse("2024-06-18T00:00:00Z"), ZoneOffset.UTC));
        return new BatchWriter(
                es,
                "alias",
                dlq,
                policy,
                () -> 0.5,
                d -> {
                    sleeps.add(d.toMillis());
                    retryingSeenWhileSleeping.set(Math.max(retryingSeenWhileSleeping.get(), retrying.get()));
                },
                metrics,
                retrying);
    }

    private static PendingDocument doc(String id, long offset) {
        return PendingDocument.ok(
                "src",
                2,
                offset,
                id.getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8),
                new BulkAction.Index(id, 1, "{}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void mixedItemsOnlyTheRetryableOnesAreSentAgainAndRejectionsAreDeadLettered() throws Exception {
        es.replies.add(ids -> List.of(
                BulkItemResult.of("index", 201, null, null),
                BulkItemResult.of("index", 409, "version_conflict_engine_exception", "newer version stored"),
                BulkItemResult.of("index", 400, "document_parsing_exception", "failed to parse field [ir.date]"),
                BulkItemResult.of("index", 429, "es_rejected_execution_exception", "queue full"),
                BulkItemResult.of("index", 503, "unavailable_shards_exception", "no primary")));
        BatchWriter.Result r =
                writer(-1).write(List.of(doc("a", 10), doc("b", 11), doc("c", 12), doc("d", 13), doc("e", 14)));

        assertThat(es.calls).containsExactly(List.of("a", "b", "c", "d", "e"), List.of("d", "e"));
        assertThat(r).isEqualTo(new BatchWriter.Result(3, 0, 1, 1, 1));
        assertThat(sleeps).containsExactly(75L); // retry 0: ceiling 100, jitter 0.5 → 75
        assertThat(producer.history()).hasSize(1);
        DeadLetter dl =
                JsonSerde.deadLetter().fromBytes(producer.history().get(0).value());
        assertThat(dl.stage()).isEqualTo("sink");
        assertThat(dl.errorClass()).isEqualTo("document_parsing_exception");
        assertThat(dl.errorMessage()).isEqualTo("failed to parse field [ir.date]");
        assertThat(dl.sourceTopic()).isEqualTo("src");
        assertThat(dl.partition()).isEqualTo(2);
        assertThat(dl.offset()).isEqualTo(12L);
        assertThat(dl.value()).isEqualTo("{}");
        assertThat(new String(producer.history().get(0).key(), StandardCharsets.UTF_8))
                .isEqualTo("c");
        assertThat(retrying.get()).isZero();
        assertThat(retryingSeenWhileSleeping.get()).isEqualTo(1);
    }

    @Test
    void aCreateThatFindsItsFilingIsReadAndResolvedAgainAndCountedAsFilingExists() throws Exception {
        BulkAction.Arrival cninfo = new EnrichedDocumentConverter().convert(SinkFixtures.cninfoArrival(2));
        BulkAction.Arrival bse = new EnrichedDocumentConverter().convert(SinkFixtures.bseArrival(2));
        List<List<String>> reads = new ArrayList<>();
        FilingMerger.Store store = new FilingMerger.Store() {
            @Override
            public java.util.Map<String, FilingMerger.Stored> get(String index, java.util.Collection<String> ids) {
                reads.add(List.copyOf(ids));
                // the bse arrival is stored already (seq_no 7)
                return java.util.Map.of(
                        bse.id(),
                        new FilingMerger.Stored(
                                7,
                                1,
                                bse.arrivalId(),
                                List.of(io.pilu.model.Json.mapper()
                                        .valueToTree(
                                                new EnrichedDocumentConverter().arrival(SinkFixtures.bseArrival(2))))));
            }

            @Override
            public java.util.Map<String, String> filingsOf(String index, java.util.Collection<String> arrivalIds) {
                return java.util.Map.of();
            }
        };
        List<String> bodies = new ArrayList<>();
        BulkSender sender = (index, body, count) -> {
            bodies.add(new String(body, StandardCharsets.UTF_8));
            return bodies.size() == 1
                    ? List.of(BulkItemResult.of("create", 409, "version_conflict_engine_exception", "exists"))
                    : List.of(BulkItemResult.of("update", 200, null, null));
        };
        DeadLetterPublisher dlq = new DeadLetterPublisher(producer, "dlq", Clock.systemUTC());
        BatchWriter w = new BatchWriter(
                sender,
                "alias",
                dlq,
                new RetryPolicy(Duration.ofMillis(100), Duration.ofMillis(1_000), -1),
                () -> 0.5,
                d -> sleeps.add(d.toMillis()),
                metrics,
                retrying,
                store);

        BatchWriter.Result r = w.write(List.of(PendingDocument.ok(
                "src", 0, 5, cninfo.arrivalId().getBytes(StandardCharsets.UTF_8), "{}".getBytes(), cninfo)));

        assertThat(bodies).hasSize(2);
        assertThat(bodies.get(0)).startsWith("{\"create\":"); // sent unread
        assertThat(reads).containsExactly(List.of(bse.id())); // read only after the conflict
        assertThat(bodies.get(1)).startsWith("{\"update\":").contains("\"if_seq_no\":7");
        assertThat(r.indexed()).isEqualTo(1);
        assertThat(metricsRegistryCount("filing_exists")).isEqualTo(1.0);
    }

    private double metricsRegistryCount(String reason) {
        return registry.find("pilu.sink.bulk.retries").tag("reason", reason).counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count)
                .sum();
    }

    @Test
    void connectionFailuresRetryTheWholeBatchWithGrowingBackoffUntilItGoesThrough() throws Exception {
        for (int i = 0; i < 4; i++) {
            es.replies.add(ids -> {
                throw new EsRetryableException(0, "Connection refused", null);
            });
        }
        BatchWriter.Result r = writer(-1).write(List.of(doc("a", 1), doc("b", 2)));
        assertThat(es.calls).hasSize(5).allSatisfy(c -> assertThat(c).containsExactly("a", "b"));
        assertThat(sleeps).containsExactly(75L, 150L, 300L, 600L);
        assertThat(r.indexed()).isEqualTo(2);
        assertThat(r.retries()).isEqualTo(4);
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void aRequestTooLargeIsBisectedDownToTheDocumentResponsible() throws Exception {
        es.replies.add(ids -> {
            throw new EsRequestRejectedException(413, "HTTP 413: too large");
        });
        es.replies.add(ScriptedSender.all(201)); // [a, b]
        es.replies.add(ids -> {
            throw new EsRequestRejectedException(413, "HTTP 413: too large");
        }); // [c, d]
        es.replies.add(ScriptedSender.all(201)); // [c]
        es.replies.add(ids -> {
            throw new EsRequestRejectedException(413, "HTTP 413: too large");
        }); // [d]
        BatchWriter.Result r = writer(-1).write(List.of(doc("a", 1), doc("b", 2), doc("c", 3), doc("d", 4)));
        assertThat(es.calls)
                .containsExactly(
                        List.of("a", "b", "c", "d"), List.of("a", "b"), List.of("c", "d"), List.of("c"), List.of("d"));
        assertThat(r.indexed()).isEqualTo(3);
        assertThat(r.deadLettered()).isEqualTo(1);
        DeadLetter dl =
                JsonSerde.deadLetter().fromBytes(producer.history().get(0).value());
        assertThat(dl.errorClass()).isEqualTo("http_413");
        assertThat(dl.offset()).isEqualTo(4L);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void recordsThatFailedToDecodeAreDeadLetteredWithoutAskingElasticsearch() throws Exception {
        PendingDocument bad = PendingDocument.failed(
                "src",
                0,
                5,
                null,
                "nope".getBytes(StandardCharsets.UTF_8),
                "org.apache.kafka.common.errors.SerializationException",
                "not a valid EnrichedAnnouncement");
        BatchWriter.Result r = writer(-1).write(List.of(bad));
        assertThat(es.calls).isEmpty();
        assertThat(r.deadLettered()).isEqualTo(1);
        assertThat(JsonSerde.deadLetter()
                        .fromBytes(producer.history().get(0).value())
                        .value())
                .isEqualTo("nope");
    }

    @Test
    void aLimitedPolicyGivesUpWithoutDeadLetteringAnything() {
        for (int i = 0; i < 10; i++) {
            es.replies.add(ids -> {
                throw new EsRetryableException(503, "HTTP 503", null);
            });
        }
        assertThatThrownBy(() -> writer(2).write(List.of(doc("a", 1))))
                .isInstanceOf(RetriesExhaustedException.class)
                .hasMessageContaining("after 2 retries");
        assertThat(es.calls).hasSize(3);
        assertThat(producer.history()).isEmpty();
        assertThat(retrying.get()).isZero();
    }

    /** Writes one document that Elasticsearch rejects with a 400, on another thread: the DLQ decides when it ends. */
    private CompletableFuture<BatchWriter.Result> writeOneRejectedDocument(BatchWriter w) {
        es.replies.add(ids -> List.of(BulkItemResult.of("index", 400, "mapper_parsing_exception", "bad")));
        return CompletableFuture.supplyAsync(() -> {
            try {
                return w.write(List.of(doc("a", 1)));
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
    }

    @Test
    void theDeadLetterTopicMustAcknowledgeBeforeTheBatchCompletes() throws Exception {
        MockProducer<byte[], byte[]> manual =
                new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        RetryPolicy policy = RetryPolicy.defaults();
        BatchWriter w = new BatchWriter(
                es,
                "alias",
                new DeadLetterPublisher(manual, "dlq", Clock.systemUTC()),
                policy,
                () -> 0.0,
                Sleeper.SYSTEM,
                metrics,
                retrying);
        CompletableFuture<BatchWriter.Result> written = writeOneRejectedDocument(w);
        await().atMost(Duration.ofSeconds(10)).until(() -> manual.history().size() == 1);
        Thread.sleep(300);
        assertThat(written).as("still waiting for the dead letter's ack").isNotDone();
        manual.completeNext();
        assertThat(written.get(10, TimeUnit.SECONDS)).isEqualTo(new BatchWriter.Result(0, 0, 0, 1, 0));
        assertThat(manual.history()).hasSize(1);
        assertThat(JsonSerde.deadLetter()
                        .fromBytes(manual.history().get(0).value())
                        .errorClass())
                .isEqualTo("mapper_parsing_exception");
    }

    @Test
    void aDeadLetterTopicThatFailsIsRetriedUntilItAcknowledges() throws Exception {
        MockProducer<byte[], byte[]> manual =
                new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        RetryPolicy policy = new RetryPolicy(Duration.ofMillis(100), Duration.ofMillis(1_000), -1);
        BatchWriter w = new BatchWriter(
                es,
                "alias",
                new DeadLetterPublisher(manual, "dlq", Clock.systemUTC()),
                policy,
                () -> 0.5,
                d -> sleeps.add(d.toMillis()),
                metrics,
                retrying);
        CompletableFuture<BatchWriter.Result> written = writeOneRejectedDocument(w);
        await().atMost(Duration.ofSeconds(10)).until(() -> manual.history().size() == 1);
        manual.errorNext(new TimeoutException("dlq leader not available"));
        await().atMost(Duration.ofSeconds(10)).until(() -> manual.history().size() == 2);
        assertThat(written)
                .as("the failed dead letter is sent again, not dropped")
                .isNotDone();
        manual.completeNext();

        assertThat(written.get(10, TimeUnit.SECONDS)).isEqualTo(new BatchWriter.Result(0, 0, 0, 1, 1));
        assertThat(sleeps).containsExactly(75L);
        assertThat(es.calls).hasSize(1);
        assertThat(retrying.get()).isZero();
    }

    /** A dead-letter topic whose max.message.bytes is {@code limit}: larger records fail as Kafka fails them. */
    private static MockProducer<byte[], byte[]> topicLimitedTo(int limit) {
        return new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()) {
            @Override
            public synchronized java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata> send(
                    org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]> r,
                    org.apache.kafka.clients.producer.Callback callback) {
                if (r.value().length > limit) {
                    return java.util.concurrent.CompletableFuture.failedFuture(
                            new org.apache.kafka.common.errors.RecordTooLargeException("over max.message.bytes"));
                }
                return super.send(r, callback);
            }
        };
    }

    private BatchWriter writer(MockProducer<byte[], byte[]> dlqProducer) {
        RetryPolicy policy = RetryPolicy.defaults(); // unlimited retries: a too-large dead letter must not use them
        return new BatchWriter(
                es,
                "alias",
                new DeadLetterPublisher(dlqProducer, "dlq", Clock.systemUTC()),
                policy,
                () -> 0.5,
                d -> sleeps.add(d.toMillis()),
                metrics,
                retrying);
    }

    private static PendingDocument bigDoc(String id, int chars) {
        byte[] value = ("{\"text\":\"" + "字".repeat(chars) + "\"}").getBytes(StandardCharsets.UTF_8);
        return PendingDocument.ok(
                "src", 0, 7, id.getBytes(StandardCharsets.UTF_8), value, new BulkAction.Index(id, 1, value));
    }

    @Test
    void aDeadLetterTooLargeForItsTopicIsSentShortenedWithTheReasonNotRetried() throws Exception {
        MockProducer<byte[], byte[]> dlq = topicLimitedTo(200_000);
        es.replies.add(ids -> List.of(BulkItemResult.of("index", 400, "document_parsing_exception", "too big")));

        BatchWriter.Result r = writer(dlq).write(List.of(bigDoc("big", 300_000)));

        assertThat(r.deadLettered()).isEqualTo(1);
        assertThat(sleeps).isEmpty();
        assertThat(dlq.history()).hasSize(1);
        DeadLetter dl = JsonSerde.deadLetter().fromBytes(dlq.history().get(0).value());
        assertThat(dl.errorClass()).isEqualTo("document_parsing_exception");
        assertThat(dl.valueTruncated()).isTrue();
        assertThat(dl.originalValueBytes()).isEqualTo(900_011L);
        assertThat(dl.value()).hasSize(io.pilu.service.KafkaSettings.DEAD_LETTER_VALUE_CHARS);
        assertThat(dl.offset()).isEqualTo(7L);
    }

    @Test
    void aDeadLetterTheTopicNeverTakesFailsTheBatchAtOnceInsteadOfRetryingForever() {
        MockProducer<byte[], byte[]> dlq = topicLimitedTo(10); // not even a shortened dead letter fits
        es.replies.add(ids -> List.of(BulkItemResult.of("index", 400, "document_parsing_exception", "bad")));

        assertThatThrownBy(() -> writer(dlq).write(List.of(doc("a", 1))))
                .isInstanceOf(RetriesExhaustedException.class)
                .hasMessageContaining("even shortened")
                .hasMessageContaining("RecordTooLargeException");
        assertThat(sleeps).isEmpty();
        assertThat(retrying.get()).isZero();
    }
}
