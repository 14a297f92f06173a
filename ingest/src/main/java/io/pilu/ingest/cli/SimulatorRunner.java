package io.pilu.ingest.cli;

import io.pilu.ingest.simulator.ExchangeSimulator;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * How a simulator command runs, whichever exchange it plays: start the simulator, load it, print its base URL as the
 * first line on stdout (so a script can point a crawler at it), serve until SIGTERM or {@link #requestStop()}, then
 * close it and say how many contract violations it saw. The commands own their flags, what they load and what they
 * say about it.
 */
final class SimulatorRunner {

    /**
     * What a command says it serves, once the simulator is loaded.
     *
     * @param lines     printed on stdout after the base URL (what is served, how to use it)
     * @param logFields appended to the "serving" log line, e.g. {@code samples=9}
     */
    record Serving(List<String> lines, String logFields) {

        Serving {
            lines = List.copyOf(lines);
        }
    }

    private final String command;
    private final Logger log;
    private final PrintStream stdout;
    private final CountDownLatch stop = new CountDownLatch(1);

    /**
     * @param command the command's name, e.g. {@code bse-simulator}: in its log lines and the shutdown thread's name
     * @param log     the command's logger, so its log lines keep their logger name
     */
    SimulatorRunner(String command, Logger log, PrintStream stdout) {
        this.command = command;
        this.log = log;
        this.stdout = stdout;
    }

    /** A usage error (exit 2) unless {@code port} is a port or 0 (any free one). */
    static void checkPort(CommandSpec spec, int port) {
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 0..65535, not " + port);
        }
    }

    /**
     * Starts a simulator with {@code start} (which binds {@code host}, as the command's flags say), has
     * {@code setUp} load it before its address is printed (whoever reads the address finds the site loaded), and
     * serves until stopped.
     *
     * @return 0 once stopped; 1 when the address cannot be bound
     */
    <S extends ExchangeSimulator> int run(String host, Supplier<S> start, Function<S, Serving> setUp)
            throws InterruptedException {
        S simulator;
        try {
            simulator = start.get();
        } catch (IllegalStateException e) {
            log.error("{} (is another {} running? choose another --port)", e.getMessage(), command);
            return 1;
        }
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    requestStop();
                    try {
                        // let run() close the server and log before the JVM goes
                        closed.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "pilu-" + command + "-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (simulator) {
            // the point of a contract-enforcing simulator: tell whoever tries a crawler against it what it broke
            simulator.onContractViolation(v -> log.warn("contract violation: {}", v));
            Serving serving = setUp.apply(simulator);
            stdout.println(simulator.baseUrl());
            serving.lines().forEach(stdout::println);
            stdout.flush();
            log.info(
                    "pilu {} serving base_url={} host={} port={} {}",
                    command,
                    simulator.baseUrl(),
                    host,
                    simulator.port(),
                    serving.logFields());
            stop.await();
            log.info(
                    "pilu {} stopped; contract violations: {}",
                    command,
                    simulator.contractViolations().size());
            return 0;
        } finally {
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook is running and has just been released
            }
        }
    }

    /** Makes {@link #run} stop serving and return 0: what SIGTERM does, for a program that embeds the command. */
    void requestStop() {
        stop.countDown();
    }
}
