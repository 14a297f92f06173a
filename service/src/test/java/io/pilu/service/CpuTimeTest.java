package io.pilu.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CpuTimeTest {

    @Test
    void groupsThreadsByNameAndLeavesTheRestOfTheProcessToTheJvm() {
        CpuTime.Snapshot before = new CpuTime.Snapshot(
                Map.of(1L, "pilu-enrich-StreamThread-1", 2L, "pilu-sink-consumer"), Map.of(1L, 100L, 2L, 50L), 1_000L);
        CpuTime.Snapshot after = new CpuTime.Snapshot(
                Map.of(1L, "pilu-enrich-StreamThread-1", 2L, "pilu-sink-consumer", 3L, "pilu-sink-bulk-1", 4L, "main"),
                Map.of(1L, 400L, 2L, 150L, 3L, 70L, 4L, 30L),
                2_000L);
        Map<String, Long> used = after.since(
                before,
                name -> name.startsWith("pilu-enrich")
                        ? Optional.of("enrich")
                        : name.startsWith("pilu-sink") ? Optional.of("sink") : Optional.empty(),
                List.of("publish", "enrich", "sink"),
                "jvm");
        // a stage with no thread shows 0; a thread born after the first snapshot counts whole; the unnamed ones are
        // "other threads"; GC/JIT = process total - every thread
        assertThat(used)
                .containsExactly(
                        Map.entry("publish", 0L),
                        Map.entry("enrich", 300L),
                        Map.entry("sink", 170L),
                        Map.entry("other threads", 30L),
                        Map.entry("jvm", 500L));
    }

    @Test
    void measuresThisProcessAndThreads() {
        long before = CpuTime.processNanos();
        long spin = 0;
        for (int i = 0; i < 50_000_000; i++) {
            spin += i % 7;
        }
        assertThat(spin).isPositive();
        assertThat(CpuTime.processNanos()).isGreaterThan(before);
        assertThat(CpuTime.processNanos(ProcessHandle.current().pid())).isPositive();
        assertThat(CpuTime.threads().names())
                .containsValue(Thread.currentThread().getName());
    }
}
