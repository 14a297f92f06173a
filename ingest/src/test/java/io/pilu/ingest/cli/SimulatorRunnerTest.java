package io.pilu.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pilu.ingest.simulator.BseSimulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** {@link SimulatorRunner}: what both simulator commands do around their own simulator. */
class SimulatorRunnerTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final SimulatorRunner runner = new SimulatorRunner(
            "test-simulator",
            LoggerFactory.getLogger(SimulatorRunnerTest.class),
            new PrintStream(out, true, StandardCharsets.UTF_8));

    @Test
    void printsTheBaseUrlAfterSetUpThenTheLinesAndClosesTheSimulatorOnceStopped() throws Exception {
        AtomicReference<BseSimulator> started = new AtomicReference<>();
        CompletableFuture<Integer> serving = CompletableFuture.supplyAsync(() -> {
            try {
                return runner.run(
                        "127.0.0.1",
                        () -> {
                            started.set(BseSimulator.start());
                            return started.get();
                        },
                        simulator -> {
                            // nothing is printed before the set-up is done: a reader of the address finds it loaded
                            assertThat(out.size()).isZero();
                            return new SimulatorRunner.Serving(List.of("first", "second"), "samples=0");
                        });
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> out.toString(StandardCharsets.UTF_8).contains("second\n"));
            assertThat(out.toString(StandardCharsets.UTF_8).lines())
                    .containsExactly(started.get().baseUrl(), "first", "second");
        } finally {
            runner.requestStop();
        }
        assertThat(serving.get(10, TimeUnit.SECONDS)).isZero();
        URI baseUrl = URI.create(started.get().baseUrl());
        assertThatThrownBy(() -> new Socket(baseUrl.getHost(), baseUrl.getPort()).close())
                .as("the port is released")
                .isInstanceOf(IOException.class);
    }

    @Test
    void anAddressInUseExitsOneAndPrintsNothing() throws Exception {
        try (BseSimulator other = BseSimulator.start()) {
            int exit = runner.run(
                    "127.0.0.1",
                    () -> BseSimulator.start("127.0.0.1", other.port()),
                    simulator -> new SimulatorRunner.Serving(List.of("never"), ""));

            assertThat(exit).isEqualTo(1);
            assertThat(out.size()).isZero();
        }
    }
}
