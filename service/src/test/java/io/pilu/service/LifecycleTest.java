package io.pilu.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilu.service.Lifecycle.Closed;
import io.pilu.service.Lifecycle.Phase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    private final List<String> order = new CopyOnWriteArrayList<>();

    private AutoCloseable recording(String name) {
        return () -> order.add(name);
    }

    @Test
    void closesInPhaseOrderWhateverTheStartOrder() {
        Lifecycle lifecycle = new Lifecycle("test");
        // the order pilu local starts them in
        lifecycle.add(Phase.BROKER, "kafka", recording("kafka"));
        lifecycle.add(Phase.ELASTICSEARCH, "elasticsearch", recording("elasticsearch"));
        lifecycle.add(Phase.ENRICH, "enrich", recording("enrich"));
        lifecycle.add(Phase.SINK, "sink", recording("sink"));
        lifecycle.add(Phase.SERVICE, "analytics", recording("analytics"));
        lifecycle.add(Phase.CRAWL, "crawl", recording("crawl"));
        lifecycle.add(Phase.OPS, "ops", recording("ops"));

        lifecycle.close();

        List<String> expected = List.of("crawl", "enrich", "sink", "analytics", "ops", "elasticsearch", "kafka");
        assertThat(order).containsExactlyElementsOf(expected);
        assertThat(lifecycle.closed()).extracting(Closed::name).containsExactlyElementsOf(expected);
        assertThat(lifecycle.closed()).allMatch(Closed::clean);
    }

    @Test
    void withinAPhaseTheLastStartedClosesFirst() {
        Lifecycle lifecycle = new Lifecycle("test");
        lifecycle.add(Phase.SERVICE, "first", recording("first"));
        lifecycle.add(Phase.SERVICE, "second", recording("second"));

        lifecycle.close();

        assertThat(order).containsExactly("second", "first");
    }

    @Test
    void anErrorClosingOneIsRecordedAndTheRestStillClose() {
        Lifecycle lifecycle = new Lifecycle("test");
        lifecycle.add(Phase.BROKER, "kafka", recording("kafka"));
        lifecycle.add(Phase.SINK, "sink", () -> {
            throw new IllegalStateException("flush failed");
        });

        lifecycle.close();

        assertThat(order).containsExactly("kafka");
        assertThat(lifecycle.closed()).extracting(Closed::name).containsExactly("sink", "kafka");
        assertThat(lifecycle.closed().get(0).error()).hasMessage("flush failed");
        assertThat(lifecycle.closed().get(1).clean()).isTrue();
    }

    @Test
    void closesOnceAndASecondCallerWaitsForTheFirst() throws Exception {
        Lifecycle lifecycle = new Lifecycle("test");
        CountDownLatch inClose = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        lifecycle.add(Phase.CRAWL, "slow", () -> {
            inClose.countDown();
            release.await();
            order.add("slow");
        });
        Thread first = new Thread(lifecycle::close);
        first.start();
        assertThat(inClose.await(10, TimeUnit.SECONDS)).isTrue();
        Thread second = new Thread(() -> {
            lifecycle.close();
            order.add("second returned");
        });
        second.start();
        second.join(200);
        assertThat(second.isAlive())
                .as("the second close() waits for the first")
                .isTrue();
        assertThat(lifecycle.stopping()).isTrue();
        release.countDown();
        first.join(10_000);
        second.join(10_000);

        assertThat(order).containsExactly("slow", "second returned");
        assertThat(lifecycle.closed()).hasSize(1);
        assertThat(lifecycle.awaitClosed(Duration.ZERO)).isTrue();
    }

    @Test
    void whatStartsWhileStoppingIsClosedAtOnceAndRefused() {
        Lifecycle lifecycle = new Lifecycle("test");
        lifecycle.close();

        assertThatThrownBy(() -> lifecycle.add(Phase.SINK, "late", recording("late")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("late");
        assertThat(order).containsExactly("late");
    }

    @Test
    void aClosableThatClosesTheLifecycleAgainDoesNotDeadlock() {
        Lifecycle lifecycle = new Lifecycle("test");
        lifecycle.add(Phase.CRAWL, "reentrant", () -> {
            lifecycle.close();
            order.add("reentrant");
        });

        lifecycle.close();

        assertThat(order).containsExactly("reentrant");
    }
}
