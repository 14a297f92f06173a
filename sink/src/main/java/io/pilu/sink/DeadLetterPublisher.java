package io.pilu.sink;

import io.pilu.model.DeadLetter;
import io.pilu.model.JsonSerde;
import io.pilu.service.KafkaSettings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Sends rejected records to the sink's dead-letter topic and waits until Kafka has acknowledged every one: only
 * then may their source offsets be committed, otherwise a crash between the commit and the send would lose them.
 */
public class DeadLetterPublisher {

    public static final String STAGE = "sink";

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final Clock clock;
    private final JsonSerde<DeadLetter> serde = JsonSerde.deadLetter();

    public DeadLetterPublisher(Producer<byte[], byte[]> producer, String topic, Clock clock) {
        this.producer = producer;
        this.topic = topic;
        this.clock = clock;
    }

    /** The dead letter for a record (pure; visible for tests). */
    public DeadLetter deadLetter(PendingDocument d) {
        return DeadLetter.of(
                STAGE,
                d.topic(),
                d.partition(),
                d.offset(),
                d.key(),
                d.value(),
                d.errorClass(),
                d.errorMessage(),
                clock.instant());
    }

    /**
     * Sends all and blocks until each is acknowledged.
     *
     * @throws ExecutionException when Kafka refused one after the producer's own retries (delivery.timeout.ms)
     */
    public void publish(List<PendingDocument> rejected) throws ExecutionException, InterruptedException {
        List<Failure> failures = send(rejected, false);
        if (!failures.isEmpty()) {
            throw new ExecutionException(failures.get(0).cause());
        }
    }

    /** A dead letter Kafka did not acknowledge, and why. */
    public record Failure(PendingDocument document, Throwable cause) {}

    /**
     * Sends all, waits for every acknowledgement, and returns those that failed (empty: all acknowledged).
     *
     * @param shortened send each value cut to {@link KafkaSettings#DEAD_LETTER_VALUE_CHARS} characters (the record
     *                  itself was too large to produce)
     */
    public List<Failure> send(List<PendingDocument> rejected, boolean shortened) throws InterruptedException {
        List<Future<RecordMetadata>> acks = new ArrayList<>(rejected.size());
        for (PendingDocument d : rejected) {
            DeadLetter letter = deadLetter(d);
            if (shortened) {
                letter = letter.shortened(KafkaSettings.DEAD_LETTER_VALUE_CHARS);
            }
            byte[] key = d.key() != null && shortened && d.key().length > KafkaSettings.DEAD_LETTER_VALUE_CHARS
                    ? java.util.Arrays.copyOf(d.key(), KafkaSettings.DEAD_LETTER_VALUE_CHARS)
                    : d.key();
            try {
                acks.add(producer.send(new ProducerRecord<>(topic, key, serde.toBytes(letter))));
            } catch (org.apache.kafka.common.KafkaException e) {
                acks.add(java.util.concurrent.CompletableFuture.failedFuture(e)); // refused before sending
            }
        }
        List<Failure> failures = new ArrayList<>();
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get();
            } catch (ExecutionException e) {
                failures.add(new Failure(rejected.get(i), e.getCause() == null ? e : e.getCause()));
            }
        }
        return failures;
    }
}
