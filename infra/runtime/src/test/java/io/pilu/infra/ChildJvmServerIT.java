package io.pilu.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle {@link KafkaBroker} and {@link ElasticsearchNode} share, on a child JVM that starts in a fraction
 * of a second ({@link PortFileServerMain}), so each case below costs one small JVM rather than a broker or a node.
 */
class ChildJvmServerIT {

    @TempDir
    Path dir;

    /** Ready once the child has written its port file; {@code gate} lets a test hold the probe mid-start. */
    private static final class PortFileServer extends ChildJvmServer {
        private final boolean exitAtOnce;
        volatile boolean neverReady;
        volatile CountDownLatch probing = new CountDownLatch(0);
        volatile CountDownLatch gate = new CountDownLatch(0);
        private int port;

        PortFileServer(Builder builder, boolean exitAtOnce) {
            super("port-file server", builder, "server.log");
            this.exitAtOnce = exitAtOnce;
        }

        private Path portFile() {
            return dataDir().resolve("port");
        }

        @Override
        List<String> prepare() {
            try {
                Files.createDirectories(dataDir());
                Files.deleteIfExists(portFile());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            JavaCommand command = javaCommand(testClasses()).mainClass(PortFileServerMain.class.getName());
            return (exitAtOnce
                            ? command.args(portFile().toString(), "exit")
                            : command.args(portFile().toString()))
                    .toList();
        }

        @Override
        void awaitReady(ChildProcess child) {
            port = StartupWait.until(child, "it wrote " + portFile(), startTimeout(), PROBE_INTERVAL, () -> {
                probing.countDown();
                gate.await();
                return !neverReady && Files.exists(portFile()) && Files.size(portFile()) > 0
                        ? Optional.of(Integer.parseInt(Files.readString(portFile(), StandardCharsets.US_ASCII)))
                        : Optional.empty();
            });
        }

        @Override
        String address() {
            return "127.0.0.1:" + port;
        }

        @Override
        String readyDetails() {
            return "test";
        }
    }

    private static final class Builder extends ChildJvmBuilder<Builder> {
        Builder() {
            super(Duration.ofSeconds(30));
        }
    }

    private static NodeClasspath testClasses() {
        String resource = PortFileServerMain.class.getName().replace('.', '/') + ".class";
        URL url = PortFileServerMain.class.getClassLoader().getResource(resource);
        return NodeClasspath.parse("self", NodeClasspath.containerOf(url, resource));
    }

    private PortFileServer server(boolean exitAtOnce, Duration startTimeout) {
        Builder builder = new Builder().dataDir(dir).heap("64m").startTimeout(startTimeout);
        return new PortFileServer(builder, exitAtOnce);
    }

    private static boolean processAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void startKillRestartAndStopOneChild() throws Exception {
        try (PortFileServer server = server(false, Duration.ofSeconds(30))) {
            assertThat(server.isAlive()).isFalse();
            assertThatThrownBy(server::pid).hasMessage("port-file server not started");
            assertThat(server.lastStartupTime()).isEqualTo(Duration.ZERO);

            server.start();
            long first = server.pid();
            assertThat(server.isAlive()).isTrue();
            assertThat(processAlive(first)).isTrue();
            assertThat(server.lastStartupTime()).isPositive();
            assertThatThrownBy(server::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("port-file server already running (pid " + first + ")");

            server.kill();
            assertThat(server.isAlive()).isFalse();
            assertThat(processAlive(first)).isFalse();

            server.restart();
            long second = server.pid();
            assertThat(second).isNotEqualTo(first);
            assertThat(server.isAlive()).isTrue();

            server.stop();
            assertThat(server.isAlive()).isFalse();
            assertThat(processAlive(second)).isFalse();
            server.stop(); // a second stop is harmless

            String log = Files.readString(server.logFile(), StandardCharsets.UTF_8);
            assertThat(log)
                    .contains("==== ")
                    .contains("starting port-file server")
                    .contains("port-file server starting, pid " + first)
                    .contains("port-file server starting, pid " + second);
        }
    }

    @Test
    void aChildThatExitsBeforeItIsReadyFailsTheStartWithItsLastLogLines() {
        PortFileServer server = server(true, Duration.ofSeconds(30));
        assertThatThrownBy(server::start)
                .isInstanceOf(InfraStartException.class)
                .hasMessageContaining("port-file server exited with code 3 before it wrote " + dir.resolve("port"))
                .hasMessageContaining("refusing to start: told to exit");
        assertThat(server.isAlive()).isFalse();
    }

    @Test
    void aChildThatIsNotReadyInTimeIsKilledNotLeftBehind() {
        PortFileServer server = server(false, Duration.ofMillis(500));
        server.neverReady = true;
        assertThatThrownBy(server::start)
                .isInstanceOf(InfraStartException.class)
                .hasMessageContaining("port-file server (pid " + server.pid() + ") not ready after 0 s");
        assertThat(server.isAlive()).isFalse();
        assertThat(processAlive(server.pid())).isFalse();
    }

    /** The startup time a restart writes is read under the same lock: never half way through a restart. */
    @Test
    void lastStartupTimeWaitsForARestartUnderWay() throws Exception {
        try (PortFileServer server = server(false, Duration.ofSeconds(30))) {
            server.start();
            Duration first = server.lastStartupTime();
            server.gate = new CountDownLatch(1);
            server.probing = new CountDownLatch(1);
            CompletableFuture<Void> restart = CompletableFuture.runAsync(server::restart);
            assertThat(server.probing.await(30, TimeUnit.SECONDS))
                    .as("restart reached its readiness probe")
                    .isTrue();

            AtomicReference<Duration> seen = new AtomicReference<>();
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> seen.set(server.lastStartupTime()));
            Thread.sleep(300);
            assertThat(reader).as("the reader waits for the restart to finish").isNotDone();

            Thread.sleep(200); // so the restart's startup time is measurably longer than the first one's
            server.gate.countDown();
            restart.get(30, TimeUnit.SECONDS);
            reader.get(30, TimeUnit.SECONDS);
            assertThat(seen.get())
                    .isEqualTo(server.lastStartupTime())
                    .isNotEqualTo(first)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(500));
        }
    }
}
