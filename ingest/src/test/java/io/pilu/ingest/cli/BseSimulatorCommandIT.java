package io.pilu.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilu.ingest.fixture.ChildJvm;
import io.pilu.ingest.fixture.CrawlerProcessMain;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pilu bse-simulator} as its own process: SIGTERM stops it cleanly. */
class BseSimulatorCommandIT {

    @TempDir
    Path dir;

    @Test
    void sigtermStopsTheSimulatorProcess() throws Exception {
        Path log = dir.resolve("simulator.log");
        Process child = ChildJvm.start(
                CrawlerProcessMain.class, List.of("-Xmx128m"), List.of("bse-simulator", "--port", "0"), log);
        try {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> ChildJvm.output(log).contains("pilu crawl --once"));
            String baseUrl = ChildJvm.output(log)
                    .lines()
                    .filter(l -> l.startsWith("http://"))
                    .findFirst()
                    .orElseThrow();
            HttpResponse<Void> warmUp = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(baseUrl + "/disclosure/announcement.html"))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
            assertThat(warmUp.statusCode()).as("the 302 session handshake").isEqualTo(302);

            child.destroy(); // SIGTERM
            assertThat(child.waitFor(20, TimeUnit.SECONDS))
                    .as(ChildJvm.output(log))
                    .isTrue();
            assertThat(ChildJvm.output(log)).contains("pilu bse-simulator stopped; contract violations: 0");
        } finally {
            child.destroyForcibly();
        }
    }
}
