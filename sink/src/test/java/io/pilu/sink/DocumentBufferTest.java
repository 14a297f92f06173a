package io.pilu.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilu.sink.es.BulkAction;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class DocumentBufferTest {

    private static long offset;

    static PendingDocument index(String id, int bytes) {
        return PendingDocument.ok("t", 0, offset++, null, null, new BulkAction.Index(id, 1, new byte[bytes]));
    }

    static PendingDocument delete(String id) {
        return PendingDocument.ok("t", 0, offset++, null, null, new BulkAction.Delete(id));
    }

    @Test
    void readyOnCountBytesOrLinger() {
        DocumentBuffer b = new DocumentBuffer();
        assertThat(b.ready(0, 2, 10_000, 1_000)).isFalse();
        b.add(index("a", 10), 0);
        assertThat(b.ready(999, 2, 10_000, 1_000)).isFalse();
        assertThat(b.ready(1_000, 2, 10_000, 1_000)).isTrue(); // linger
        b.add(index("b", 10), 500);
        assertThat(b.ready(500, 2, 10_000, 1_000)).isTrue(); // count
        DocumentBuffer big = new DocumentBuffer();
        big.add(index("c", 5_000), 0);
        assertThat(big.ready(0, 100, 4_000, 1_000)).isTrue(); // bytes
    }

    @Test
    void takeRespectsCountAndBytesButAlwaysTakesOneDocument() {
        DocumentBuffer b = new DocumentBuffer();
        for (int i = 0; i < 5; i++) {
            b.add(index("d" + i, 1_000), 0);
        }
        assertThat(b.take(3, 1_000_000, Set.of()))
                .extracting(PendingDocument::documentId)
                .containsExactly("d0", "d1", "d2");
        assertThat(b.take(3, 1_500, Set.of()))
                .extracting(PendingDocument::documentId)
                .containsExactly("d3"); // 2 would exceed
        assertThat(b.take(3, 10, Set.of()))
                .extracting(PendingDocument::documentId)
                .containsExactly("d4"); // larger than max: alone
        assertThat(b.isEmpty()).isTrue();
        assertThat(b.bytes()).isZero();
    }

    @Test
    void anIdInFlightAndEverythingAfterItWithTheSameIdWaits() {
        DocumentBuffer b = new DocumentBuffer();
        b.add(index("x", 10), 0);
        b.add(index("y", 10), 0);
        b.add(delete("x"), 0);
        b.add(index("z", 10), 0);
        List<PendingDocument> batch = b.take(10, 1_000_000, Set.of("x"));
        assertThat(batch).extracting(PendingDocument::documentId).containsExactly("y", "z");
        // once x is no longer in flight, its index and delete go together, in order
        List<PendingDocument> next = b.take(10, 1_000_000, Set.of());
        assertThat(next).extracting(PendingDocument::documentId).containsExactly("x", "x");
        assertThat(next.get(0).action()).isInstanceOf(BulkAction.Index.class);
        assertThat(next.get(1).action()).isInstanceOf(BulkAction.Delete.class);
    }

    static PendingDocument arrival(String filingId, String rawId) {
        return PendingDocument.ok(
                "t",
                0,
                offset++,
                null,
                null,
                new BulkAction.Arrival(filingId, rawId, "bse", 1, new byte[5], new byte[10]));
    }

    static PendingDocument withdraw(String rawId) {
        return PendingDocument.ok("t", 0, offset++, null, null, new BulkAction.Withdraw(rawId));
    }

    @Test
    void aWithdrawalWaitsForItsArrivalInFlightAndNeverSharesABatchWithIt() {
        DocumentBuffer b = new DocumentBuffer();
        b.add(withdraw("cninfo-1"), 0); // its arrival is in flight (under the filing id and the arrival key)
        b.add(arrival("F2", "bse-2"), 0);
        List<PendingDocument> first = b.take(10, 1_000_000, Set.of("F1", BulkAction.arrivalKey("cninfo-1")));
        assertThat(first).extracting(PendingDocument::documentId).containsExactly("F2");

        // the arrival and then its withdrawal in one buffer: the batch ends before the withdrawal, which must find
        // the arrival already written
        b.add(arrival("F3", "bse-3"), 0);
        b.add(withdraw("bse-3"), 0);
        b.add(arrival("F4", "bse-4"), 0);
        List<PendingDocument> second = b.take(10, 1_000_000, Set.of());
        assertThat(second).extracting(PendingDocument::documentId).containsExactly("cninfo-1", "F3");
        List<PendingDocument> third = b.take(10, 1_000_000, Set.of());
        assertThat(third).extracting(PendingDocument::documentId).containsExactly("bse-3", "F4");
        assertThat(b.isEmpty()).isTrue();

        // two arrivals of one filing: the second waits for the next batch, to be resolved against the first's write
        b.add(arrival("F5", "bse-5"), 0);
        b.add(arrival("F5", "cninfo-5"), 0);
        assertThat(b.take(10, 1_000_000, Set.of()))
                .extracting(PendingDocument::documentId)
                .containsExactly("F5");
        assertThat(b.take(10, 1_000_000, Set.of()))
                .extracting(PendingDocument::documentId)
                .containsExactly("F5");
    }

    @Test
    void revokedPartitionsAreDropped() {
        DocumentBuffer b = new DocumentBuffer();
        b.add(PendingDocument.ok("t", 0, 1, null, null, new BulkAction.Delete("a")), 0);
        b.add(PendingDocument.ok("t", 1, 1, null, null, new BulkAction.Delete("b")), 0);
        b.removePartitions(List.of(new TopicPartition("t", 0)));
        assertThat(b.size()).isEqualTo(1);
        assertThat(b.take(10, 1_000_000, Set.of()).get(0).documentId()).isEqualTo("b");
        assertThat(b.bytes()).isZero();
    }
}
