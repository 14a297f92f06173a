package io.pilu.app.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Pilu service ({@code crawl}, {@code enrich} or {@code sink}) as its own JVM running the shaded CLI, exactly as
 * an operator runs it: {@code java -jar pilu.jar <service> <flags>}. Each start writes a new log file
 * ({@code <service>-<n>.log}), so a restart never hides what the killed run printed.
 */
public final class ServiceProcess {

    /** Heap per service JVM: five JVMs share the test machine with the broker and the node. */
    private static final String HEAP = "-Xmx384m";

    private final String service;
    private final Path jar;
    private final List<String> args;
    private final Path logDir;
    private final List<Path> logs = new ArrayList<>();
    private Process process;

    public ServiceProcess(String service, Path jar, List<String> args, Path logDir) {
        this.service = service;
        this.jar = jar;
        this.args = List.copyOf(args);
        this.logDir = logDir;
    }

    public String name() {
        return service;
    }

    public synchronized void start() {
        if (isAlive()) {
            throw new IllegalStateException(service + " is already running");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP,
                "-jar",
                jar.toString(),
                service));
        command.addAll(args);
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(service + "-" + (logs.size() + 1) + ".log");
            logs.add(log);
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + service, e);
        }
    }

    /** SIGKILL, as a crash or an OOM killer would: no shutdown hook, no flush, no commit. */
    public synchronized void kill() throws InterruptedException {
        if (process != null && !process.destroyForcibly().waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(service + " survived SIGKILL for 30 s");
        }
    }

    /** SIGTERM, the graceful path, without waiting (see {@link #awaitStop()}), so several services stop at once. */
    public synchronized void requestStop() {
        if (process != null) {
            process.destroy();
        }
    }

    /** Waits for the exit {@link #requestStop()} asked for; SIGKILL if it has not come after 60 s. */
    public synchronized void awaitStop() throws InterruptedException {
        if (process != null && !process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The exit code of the current run, or null while it runs (or before the first start). */
    public synchronized Integer exitCode() {
        return process == null || process.isAlive() ? null : process.exitValue();
    }

    /** The last {@code lines} lines of every run's log, oldest run first. */
    public synchronized String tails(int lines) {
        StringBuilder out = new StringBuilder();
        for (Path log : logs) {
            out.append("----- ").append(log).append(" (last ").append(lines).append(" lines)\n");
            try {
                List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
                all.subList(Math.max(0, all.size() - lines), all.size())
                        .forEach(l -> out.append(l).append('\n'));
            } catch (IOException | UncheckedIOException e) {
                out.append("(unreadable: ").append(e).append(")\n");
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return service
                + (isAlive() ? " (running)" : exitCode() == null ? " (not started)" : " (exited " + exitCode() + ")");
    }
}
