package io.pilu.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM whose stdout and stderr are appended to a log file. Whoever started it stops it ({@code pilu local}
 * through its {@code Lifecycle}, in order, after the services that use it); if this JVM ends without doing so — a
 * crash, SIGKILL, a test that forgot — the child's parent-pid watchdog sees this process gone and shuts the child
 * down cleanly. (No shutdown hook here: one ran concurrently with {@code pilu local}'s and stopped the broker while
 * enrich and sink were still committing.)
 */
final class ChildProcess {

    private static final int TAIL_LINES = 40;

    private final String name;
    private final Process process;
    private final Path logFile;
    private final long logOffset;

    private ChildProcess(String name, Process process, Path logFile, long logOffset) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.logOffset = logOffset;
    }

    /** Starts {@code command}; a header line in the log marks where this run's output begins. */
    static ChildProcess start(String name, List<String> command, Path workingDir, Path logFile) {
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            long offset = Files.exists(logFile) ? Files.size(logFile) : 0;
            Files.writeString(
                    logFile,
                    "==== " + Instant.now() + " starting " + name + ": " + String.join(" ", command)
                            + System.lineSeparator(),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            Process process = new ProcessBuilder(command)
                    .directory(workingDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(logFile.toFile()))
                    .redirectInput(Redirect.PIPE)
                    .start();
            // Nothing is ever typed into a node: closing stdin keeps it from waiting on a console.
            process.getOutputStream().close();
            return new ChildProcess(name, process, logFile, offset);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", command), e);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path logFile() {
        return logFile;
    }

    /** The last lines this run wrote, for error messages. */
    String logTail() {
        return LogTail.of(logFile, logOffset, TAIL_LINES);
    }

    /** Waits for the process to exit by itself; its exit code, or empty on timeout. */
    OptionalInt awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    ? OptionalInt.of(process.exitValue())
                    : OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
    }

    /**
     * SIGTERM, so the node runs its shutdown hook (flushes, closes shards and logs cleanly); SIGKILL if it has not
     * exited within {@code grace}. Returns true if it exited by itself.
     */
    boolean stop(Duration grace) {
        try {
            if (!process.isAlive()) {
                return true;
            }
            process.destroy();
            if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            kill();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            return false;
        }
    }

    Process process() {
        return process;
    }

    /** SIGKILL, like a crash: no shutdown hook runs in the child. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
