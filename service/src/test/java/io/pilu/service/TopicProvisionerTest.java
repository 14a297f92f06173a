package io.pilu.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilu.model.Topics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MockAdminClient;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicCollection;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.Test;

/**
 * The wait after creating topics, against an admin client that answers like a broker which has not caught up with
 * the controller yet. On CI a describe right after creation failed with UNKNOWN_TOPIC_OR_PARTITION and took three
 * integration tests down with it.
 */
class TopicProvisionerTest {

    private static final List<Topics.TopicSpec> SPECS =
            List.of(new Topics.TopicSpec("a", 3, false), new Topics.TopicSpec("b", 1, true));

    @Test
    void describeAndListOffsetsFailingWhileTheBrokerCatchesUpAreWaitedOut() throws Exception {
        try (LaggingAdmin admin = new LaggingAdmin(2, 2, new UnknownTopicOrPartitionException("not yet"))) {
            TopicProvisioner.ensure(admin, "test-cluster", SPECS, (short) 1);

            // two failed describes, then one describe per list-offsets attempt: two failed, the third served
            assertThat(admin.describeCalls.get()).isEqualTo(2 + 3);
            assertThat(admin.listOffsetsCalls.get()).isEqualTo(3);
            assertThat(admin.describeTopics(List.of("a", "b")).allTopicNames().get())
                    .hasEntrySatisfying("a", d -> assertThat(d.partitions()).hasSize(3))
                    .hasEntrySatisfying("b", d -> assertThat(d.partitions()).hasSize(1));
        }
    }

    @Test
    void existingTopicsAreLeftAloneAndNothingIsAwaited() throws Exception {
        try (LaggingAdmin admin = new LaggingAdmin(0, 0, null)) {
            TopicProvisioner.ensure(admin, "test-cluster", SPECS, (short) 1);
            int describes = admin.describeCalls.get();

            TopicProvisioner.ensure(admin, "test-cluster", SPECS, (short) 1);

            assertThat(admin.describeCalls.get()).isEqualTo(describes);
            assertThat(admin.listTopics().names().get()).containsExactlyInAnyOrder("a", "b");
        }
    }

    @Test
    void aNonRetriableErrorWhileWaitingEndsItWithTheCause() {
        try (LaggingAdmin admin = new LaggingAdmin(1, 0, new TopicAuthorizationException(Set.of("a")))) {
            assertThatThrownBy(() -> TopicProvisioner.ensure(admin, "test-cluster", SPECS, (short) 1))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot describe new topics")
                    .hasMessageContaining("TopicAuthorizationException");
        }
    }

    /** A mock cluster whose first describes and list-offsets fail with the given errors. */
    private static final class LaggingAdmin extends MockAdminClient {
        private static final Node BROKER = new Node(0, "localhost", 9092);
        final AtomicInteger describeCalls = new AtomicInteger();
        final AtomicInteger listOffsetsCalls = new AtomicInteger();
        private final int failingDescribes;
        private final int failingListOffsets;
        private final RuntimeException describeError;

        LaggingAdmin(int failingDescribes, int failingListOffsets, RuntimeException describeError) {
            super(List.of(BROKER), BROKER);
            this.failingDescribes = failingDescribes;
            this.failingListOffsets = failingListOffsets;
            this.describeError = describeError;
        }

        @Override
        public synchronized DescribeTopicsResult describeTopics(TopicCollection topics, DescribeTopicsOptions options) {
            if (describeCalls.incrementAndGet() <= failingDescribes) {
                Map<String, KafkaFuture<TopicDescription>> failed = ((TopicCollection.TopicNameCollection) topics)
                        .topicNames().stream().collect(Collectors.toMap(n -> n, n -> failed(describeError)));
                return new DescribeTopicsResult(null, failed) {};
            }
            return super.describeTopics(topics, options);
        }

        @Override
        public synchronized ListOffsetsResult listOffsets(
                Map<TopicPartition, OffsetSpec> partitions, ListOffsetsOptions options) {
            if (listOffsetsCalls.incrementAndGet() <= failingListOffsets) {
                return new ListOffsetsResult(partitions.keySet().stream()
                        .collect(Collectors.toMap(
                                tp -> tp, tp -> failed(new NotLeaderOrFollowerException("not leading yet")))));
            }
            updateEndOffsets(partitions.keySet().stream().collect(Collectors.toMap(tp -> tp, tp -> 0L)));
            return super.listOffsets(partitions, options);
        }

        private static <T> KafkaFuture<T> failed(RuntimeException e) {
            KafkaFutureImpl<T> f = new KafkaFutureImpl<>();
            f.completeExceptionally(e);
            return f;
        }
    }
}
