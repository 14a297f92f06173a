package io.pilu.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);

    @Test
    void outOfOrderAcksCommitOnlyTheContiguousPrefix() {
        OffsetTracker t = new OffsetTracker();
        for (long o = 10; o < 15; o++) {
            t.track(P0, o);
        }
        t.ack(P0, 12);
        t.ack(P0, 13);
        assertThat(t.committable()).isEqualTo(Map.of(P0, 10L)); // nothing new beyond the first unacked
        t.markCommitted(Map.of(P0, 10L));
        assertThat(t.committable()).isEmpty();

        t.ack(P0, 10);
        assertThat(t.committable()).isEqualTo(Map.of(P0, 11L));
        t.markCommitted(Map.of(P0, 11L));
        t.ack(P0, 11);
        assertThat(t.committable()).isEqualTo(Map.of(P0, 14L)); // 11,12,13 done; 14 still pending
        t.markCommitted(Map.of(P0, 14L));
        t.ack(P0, 14);
        assertThat(t.committable()).isEqualTo(Map.of(P0, 15L));
        assertThat(t.unacknowledged()).isZero();
    }

    @Test
    void offsetGapsFromTransactionMarkersDoNotBlock() {
        OffsetTracker t = new OffsetTracker();
        t.track(P0, 3);
        t.track(P0, 5); // 4 was a commit marker, never delivered
        t.ack(P0, 5);
        t.ack(P0, 3);
        assertThat(t.committable()).isEqualTo(Map.of(P0, 6L));
    }

    @Test
    void partitionsAreIndependent() {
        OffsetTracker t = new OffsetTracker();
        t.track(P0, 0);
        t.track(P1, 0);
        t.track(P1, 1);
        t.ack(P1, 0);
        t.ack(P1, 1);
        t.markCommitted(t.committable().entrySet().stream()
                .filter(e -> e.getKey().equals(P0))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        assertThat(t.committable()).isEqualTo(Map.of(P1, 2L));
        assertThat(t.unacknowledged()).isEqualTo(1);
    }

    @Test
    void acksForARevokedPartitionAreIgnored() {
        OffsetTracker t = new OffsetTracker();
        t.track(P0, 0);
        t.remove(P0);
        t.ack(P0, 0);
        assertThat(t.committable()).isEmpty();
    }

    @Test
    void offsetsMustArriveInOrder() {
        OffsetTracker t = new OffsetTracker();
        t.track(P0, 5);
        assertThatThrownBy(() -> t.track(P0, 5)).isInstanceOf(IllegalStateException.class);
    }
}
