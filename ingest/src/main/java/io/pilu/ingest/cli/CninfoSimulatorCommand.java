package io.pilu.ingest.cli;

import io.pilu.ingest.simulator.cninfo.CninfoSampleSet;
import io.pilu.ingest.simulator.cninfo.CninfoSimulator;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pilu cninfo-simulator}: serves the bundled cninfo sample announcements (and their documents, on the same
 * port) through a local cninfo.com.cn that speaks and enforces the disclosure contract, until stopped. Prints its
 * base URL as the first line on stdout. A demo and test tool like {@code pilu bse-simulator}.
 */
@Command(
        name = "cninfo-simulator",
        mixinStandardHelpOptions = true,
        description = "Serve the bundled cninfo sample announcements from a local cninfo.com.cn simulator (same "
                + "contract as the real site; documents on the same port). Prints the base URL; stop with Ctrl-C.")
public final class CninfoSimulatorCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(CninfoSimulatorCommand.class);
    public static final int DEFAULT_PORT = 8089;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--host",
            paramLabel = "HOST",
            defaultValue = "${env:PILU_CNINFO_SIMULATOR_HOST:-127.0.0.1}",
            description = "Address to listen on; 0.0.0.0 for every interface (env PILU_CNINFO_SIMULATOR_HOST, default "
                    + "${DEFAULT-VALUE}).")
    String host;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "${env:PILU_CNINFO_SIMULATOR_PORT:-" + DEFAULT_PORT + "}",
            description = "Port to listen on, 0 = any free port (env PILU_CNINFO_SIMULATOR_PORT, default "
                    + "${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--samples",
            negatable = true,
            defaultValue = "${env:PILU_CNINFO_SIMULATOR_SAMPLES:-true}",
            fallbackValue = "true",
            description = "Serve the bundled sample announcements; --no-samples starts an empty site (env "
                    + "PILU_CNINFO_SIMULATOR_SAMPLES, default ${DEFAULT-VALUE}).")
    boolean samples;

    private final PrintStream stdout;
    private final CountDownLatch stop = new CountDownLatch(1);

    public CninfoSimulatorCommand() {
        this(System.out);
    }

    CninfoSimulatorCommand(PrintStream stdout) {
        this.stdout = stdout;
    }

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 0..65535, not " + port);
        }
        CninfoSampleSet set = samples ? CninfoSampleSet.bundled() : null;
        CninfoSimulator simulator;
        try {
            simulator = CninfoSimulator.start(host, port);
        } catch (IllegalStateException e) {
            log.error("{} (is another cninfo-simulator running? choose another --port)", e.getMessage());
            return 1;
        }
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    requestStop();
                    try {
                        closed.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "pilu-cninfo-simulator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (simulator) {
            simulator.onContractViolation(v -> log.warn("contract violation: {}", v));
            if (set != null) {
                simulator.load(set);
            }
            stdout.println(simulator.baseUrl());
            if (set != null) {
                stdout.println("Serving " + set.samples().size() + " sample announcements published "
                        + set.earliestPublishDate() + ".." + set.latestPublishDate()
                        + "; documents on the same port (use it as both the base and the document base URL).");
            } else {
                stdout.println("Serving an empty site.");
            }
            stdout.flush();
            log.info(
                    "pilu cninfo-simulator serving base_url={} host={} port={} samples={}",
                    simulator.baseUrl(),
                    host,
                    simulator.port(),
                    set == null ? 0 : set.samples().size());
            stop.await();
            log.info(
                    "pilu cninfo-simulator stopped; contract violations: {}",
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

    /** Makes {@link #call()} stop serving and return 0. */
    public void requestStop() {
        stop.countDown();
    }
}
