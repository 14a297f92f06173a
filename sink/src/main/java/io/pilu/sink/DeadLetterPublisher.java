package io.pilu.sink;

import io.pilu.model.DeadLetter;
import io.pilu.model.JsonSerde;
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
        return DeadLetter.of(STAGE, d.topic(), d.partition(), d.offset(), d.key(), d.value(),
                d.errorClass(), d.errorMessage(), clock.instant());
    }

    /**
     * Sends all and blocks until each is acknowledged.
     *
     * @throws ExecutionException when Kafka refused one after the producer's own retries (delivery.timeout.ms)
     */
    public void publish(List<PendingDocument> rejected) throws ExecutionException, InterruptedException {
        List<Future<RecordMetadata>> acks = new ArrayList<>(rejected.size());
        for (PendingDocument d : rejected) {
            acks.add(producer.send(new ProducerRecord<>(topic, d.key(), serde.toBytes(deadLetter(d)))));
        }
        for (Future<RecordMetadata> f : acks) {
            f.get();
        }
    }
}
