package io.pilu.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PipelineStagesTest {

    @Test
    void threadsAreCountedForTheStageTheyWorkFor() {
        assertThat(PipelineBenchmark.stageOf("pilu-bench-publish")).contains(PipelineBenchmark.PUBLISH);
        assertThat(PipelineBenchmark.stageOf("kafka-producer-network-thread | pilu-bench-pipeline"))
                .contains(PipelineBenchmark.PUBLISH);
        assertThat(PipelineBenchmark.stageOf("pilu-enrich-3f2a-StreamThread-1")).contains(PipelineBenchmark.ENRICH);
        assertThat(PipelineBenchmark.stageOf(
                        "kafka-producer-network-thread | pilu-enrich-3f2a-StreamThread-1-producer"))
                .contains(PipelineBenchmark.ENRICH);
        assertThat(PipelineBenchmark.stageOf("pilu-sink-consumer")).contains(PipelineBenchmark.SINK);
        assertThat(PipelineBenchmark.stageOf("pilu-sink-bulk-2")).contains(PipelineBenchmark.SINK);
        assertThat(PipelineBenchmark.stageOf("pilu-sink-es-1")).contains(PipelineBenchmark.SINK);
        assertThat(PipelineBenchmark.stageOf("kafka-producer-network-thread | pilu-sink-dlq"))
                .contains(PipelineBenchmark.SINK);
        assertThat(PipelineBenchmark.stageOf("main")).isEqualTo(Optional.empty());
        assertThat(PipelineBenchmark.stageOf(null)).isEqualTo(Optional.empty());
    }

    @Test
    void theTableGivesSharesAndCapacityPerCpuSecondOnlyToStagesOfTheirOwn() {
        Map<String, Long> cpu = new LinkedHashMap<>();
        cpu.put(PipelineBenchmark.ENRICH, 2_000_000_000L);
        cpu.put(PipelineBenchmark.SINK, 1_000_000_000L);
        cpu.put(PipelineBenchmark.BROKER, 1_000_000_000L);
        String table = PipelineBenchmark.stageTable(1_000, 4.0, cpu);
        assertThat(table)
                .contains("CPU over the run: 4.0 s in 4.0 s wall = 1.00 cores busy; 250 records per CPU-second")
                .containsPattern("enrich\\s+2.00\\s+50.0%\\s+500")
                .containsPattern("sink\\s+1.00\\s+25.0%\\s+1,000")
                .containsPattern("kafka broker\\s+1.00\\s+25.0%\\s+-");
    }
}
