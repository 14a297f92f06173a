package io.pilu.infra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A server running in a child JVM ({@link KafkaBroker}, {@link ElasticsearchNode}): the one process handle both
 * share, as their builders share {@link ChildJvmBuilder}. It owns the child's lifecycle (start, stop, kill,
 * restart), its pid and log file, and how long the last start took; a subclass says only how to prepare and
 * launch its server and when it is ready.
 *
 * <p>Every method that touches the child or the startup time holds this object's lock, so a caller on another
 * thread (a status line, a health check) sees a consistent state while a restart is under way.
 */
public abstract class ChildJvmServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ChildJvmServer.class.getName());
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    /** How often the readiness probe of a starting child runs. */
    static final Duration PROBE_INTERVAL = Duration.ofMillis(100);

    /** What the child is, in messages and its log header: "Kafka broker", "Elasticsearch node pilu-es". */
    private final String name;

    private final Path dataDir;
    private final Path logFile;
    private final String heap;
    private final java.util.List<String> jvmOptions;
    private final Duration startTimeout;

    private ChildProcess process;
    private Duration lastStartupTime = Duration.ZERO;

    ChildJvmServer(String name, ChildJvmBuilder<?> builder, String logFileName) {
        this.name = name;
        this.dataDir = builder.dataDir.toAbsolutePath().normalize();
        this.logFile = dataDir.resolve(logFileName);
        this.heap = builder.heap;
        this.jvmOptions = builder.jvmOptions;
        this.startTimeout = builder.startTimeout;
    }

    /**
     * Everything before the launch (write config, format storage, clear a stale port file); returns the child's
     * command line. Runs under this object's lock.
     */
    abstract List<String> prepare();

    /**
     * Blocks until the launched child serves clients, through {@link StartupWait}; throws if it does not. Runs under
     * this object's lock.
     */
    abstract void awaitReady(ChildProcess child);

    /** Where clients reach the server once it is ready, for log lines. */
    abstract String address();

    /** What else the "ready" log line says about this server, e.g. {@code cluster <id>}. */
    abstract String readyDetails();

    /** Launches the child and waits until it is ready; on any failure the child is killed, never left behind. */
    final synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " already running (pid " + process.pid() + ")");
        }
        long startNanos = System.nanoTime();
        List<String> command = prepare();
        process = ChildProcess.start(name, command, dataDir, logFile);
        try {
            awaitReady(process);
        } catch (RuntimeException e) {
            // A child that is up but not ready in time must not linger holding the port and data dir.
            process.kill();
            throw e;
        }
        lastStartupTime = Duration.ofNanos(System.nanoTime() - startNanos);
        LOG.log(
                System.Logger.Level.INFO,
                "{0} ready at {1} in {2} ms (pid {3}, {4}, log {5})",
                name,
                address(),
                Long.toString(lastStartupTime.toMillis()),
                Long.toString(process.pid()),
                readyDetails(),
                logFile);
    }

    /** A JVM command line with what every child gets: its heap, UTF-8, and death on out-of-memory; then its options. */
    final JavaCommand javaCommand(NodeClasspath classpath) {
        JavaCommand command = new JavaCommand()
                .heap(heap)
                // A server that ran out of memory should die visibly, not limp on.
                .jvmOption("-XX:+ExitOnOutOfMemoryError");
        jvmOptions.forEach(command::jvmOption);
        return command.systemProperty("file.encoding", "UTF-8").classpath(classpath);
    }

    final Duration startTimeout() {
        return startTimeout;
    }

    public final Path dataDir() {
        return dataDir;
    }

    /** The child's stdout and stderr (appended across restarts, each run marked by a header line). */
    public final Path logFile() {
        return logFile;
    }

    /** From {@code start()}/{@code restart()} to ready, including what {@code prepare} did and the JVM start. */
    public final synchronized Duration lastStartupTime() {
        return lastStartupTime;
    }

    public final synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public final synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException(name + " not started");
        }
        return process.pid();
    }

    /** SIGTERM and wait for the child to close cleanly (SIGKILL after 30 s). */
    public final synchronized void stop() {
        if (process != null && !process.stop(STOP_GRACE)) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "{0} at {1} did not stop within {2} s and was killed",
                    name,
                    address(),
                    STOP_GRACE.toSeconds());
        }
    }

    /** SIGKILL: a crash, for fault tests. The data dir is left as the crash left it. */
    public final synchronized void kill() {
        if (process != null) {
            process.kill();
        }
    }

    /** Stops the child if it runs, then starts it again on the same port and data dir. */
    public final synchronized void restart() {
        stop();
        start();
    }

    @Override
    public final void close() {
        stop();
    }
}
