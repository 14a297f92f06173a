package io.pilu.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilu.ingest.simulator.SampleSet;
import io.pilu.model.Json;
import io.pilu.model.RawAnnouncement;
import io.pilu.model.RawAnnouncement.ExtractionStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code pilu bse-simulator}: serves the samples so that {@code pilu crawl} gets every one of them. */
class BseSimulatorCommandTest {

    private static final String SEED_ID = "6adf2dc9960c5876398a6e504815799e";
    private static final String CORRUPT_ID = "a4196b5cf964cc3974436c8604c9a913";

    @TempDir
    Path dir;

    @Test
    void crawlOfTheSimulatorFromTheFirstSampleDateGetsEverySample() throws Exception {
        ByteArrayOutputStream simulatorOut = new ByteArrayOutputStream();
        BseSimulatorCommand command =
                new BseSimulatorCommand(new PrintStream(simulatorOut, true, StandardCharsets.UTF_8));
        CompletableFuture<Integer> serving = CompletableFuture.supplyAsync(
                () -> new CommandLine(command).execute("--port", "0", "--page-size", "4"));
        try {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> simulatorOut.toString(StandardCharsets.UTF_8).contains("\n"));
            String baseUrl = simulatorOut
                    .toString(StandardCharsets.UTF_8)
                    .lines()
                    .findFirst()
                    .orElseThrow();
            assertThat(baseUrl).matches("http://127\\.0\\.0\\.1:\\d+");
            SampleSet samples = SampleSet.bundled();
            assertThat(simulatorOut.toString(StandardCharsets.UTF_8))
                    .contains("pilu crawl --once --dry-run --base-url " + baseUrl + " --from "
                            + samples.earliestPublishDate());

            ByteArrayOutputStream crawlOut = new ByteArrayOutputStream();
            int exit = new CommandLine(new CrawlCommand(new PrintStream(crawlOut, true, StandardCharsets.UTF_8)))
                    .execute(
                            "--once",
                            "--dry-run",
                            "--base-url",
                            baseUrl,
                            "--from",
                            samples.earliestPublishDate().toString(),
                            "--rate-limit",
                            "100",
                            "--work-dir",
                            dir.toString());

            assertThat(exit).isZero();
            List<RawAnnouncement> records = new ArrayList<>();
            for (String line : crawlOut.toString(StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    records.add(Json.mapper().readValue(line, RawAnnouncement.class));
                }
            }
            assertThat(records).extracting(RawAnnouncement::id).containsExactlyInAnyOrderElementsOf(samples.ids());
            Map<String, RawAnnouncement> byId =
                    records.stream().collect(Collectors.toMap(RawAnnouncement::id, Function.identity()));
            assertThat(byId.get(SEED_ID).extraction()).isEqualTo(ExtractionStatus.OK);
            assertThat(byId.get(SEED_ID).text()).contains("参会单位及人员：中邮证券、地泽投资", "智谱华章");
            assertThat(byId.get(CORRUPT_ID).extraction()).isEqualTo(ExtractionStatus.FAILED);
            assertThat(records)
                    .filteredOn(r -> r.extraction() != ExtractionStatus.OK)
                    .hasSize(1);
        } finally {
            command.requestStop();
        }
        assertThat(serving.get(10, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void aBadPortIsAUsageError() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(new CommandLine(new BseSimulatorCommand(new PrintStream(out))).execute("--port", "70000"))
                .isEqualTo(2);
    }
}
