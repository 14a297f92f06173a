package io.pilu.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilu.ingest.cninfo.CninfoAnnouncement;
import io.pilu.ingest.cninfo.CninfoClient;
import io.pilu.ingest.cninfo.CninfoClientConfig;
import io.pilu.ingest.cninfo.CninfoQuery;
import io.pilu.service.Sleeper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code pilu cninfo-simulator}: serves the samples (list and documents on one port) until stopped. */
class CninfoSimulatorCommandTest {

    @Test
    void servesTheSamplesUntilStopped() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CninfoSimulatorCommand command = new CninfoSimulatorCommand(new PrintStream(out, true, StandardCharsets.UTF_8));
        CompletableFuture<Integer> serving =
                CompletableFuture.supplyAsync(() -> new CommandLine(command).execute("--port", "0"));
        try {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> out.toString(StandardCharsets.UTF_8).contains("\n"));
            String baseUrl =
                    out.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
            assertThat(baseUrl).matches("http://127\\.0\\.0\\.1:\\d+");
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> out.toString(StandardCharsets.UTF_8).contains("Serving 9 sample announcements"));
            try (CninfoClient client = new CninfoClient(
                    CninfoClientConfig.defaults(URI.create(baseUrl), URI.create(baseUrl)),
                    CninfoClient.Listener.NONE,
                    (Sleeper) d -> {},
                    () -> 0.5,
                    System::nanoTime,
                    Clock.systemUTC())) {
                var page = client.query(CninfoQuery.of("szse", "relation"), 1);
                assertThat(page.announcements())
                        .extracting(CninfoAnnouncement::secName)
                        .containsExactly("澜拓智能", "澄岳精密", "粤沣食品");
                var doc = client.download(page.announcements().get(0).adjunctUrl());
                java.nio.file.Files.delete(doc.file());
                assertThat(doc.bytes()).isPositive();
            }
        } finally {
            command.requestStop();
        }
        assertThat(serving.get(10, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void noSamplesServesAnEmptySite() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CninfoSimulatorCommand command = new CninfoSimulatorCommand(new PrintStream(out, true, StandardCharsets.UTF_8));
        CompletableFuture<Integer> serving =
                CompletableFuture.supplyAsync(() -> new CommandLine(command).execute("--port", "0", "--no-samples"));
        try {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> out.toString(StandardCharsets.UTF_8).contains("Serving an empty site."));
        } finally {
            command.requestStop();
        }
        assertThat(serving.get(10, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void aBadPortIsAUsageError() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(new CommandLine(new CninfoSimulatorCommand(new PrintStream(out))).execute("--port", "70000"))
                .isEqualTo(2);
    }
}
