package io.pilu.ingest.cli;

import io.pilu.ingest.simulator.BseSimulator;
import io.pilu.ingest.simulator.SampleSet;
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
 * {@code pilu bse-simulator}: serves the bundled sample announcements through a local bse.cn that speaks (and
 * enforces) the real disclosure contract, until stopped (Ctrl-C / SIGTERM). Prints its base URL as the first line
 * on stdout, so a script or a person can point {@code pilu crawl --base-url} at it. A demo and test tool, not a
 * pipeline service: it has no ops endpoint, and its state is only the bundled set.
 */
@Command(
        name = "bse-simulator",
        mixinStandardHelpOptions = true,
        description = "Serve the bundled sample announcements from a local bse.cn simulator (same contract as the "
                + "real site), for offline demos and for testing crawlers. Prints the base URL; stop with Ctrl-C.")
public final class BseSimulatorCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(BseSimulatorCommand.class);
    public static final int DEFAULT_PORT = 8088;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--host",
            paramLabel = "HOST",
            defaultValue = "${env:PILU_SIMULATOR_HOST:-127.0.0.1}",
            description = "Address to listen on; 0.0.0.0 for every interface (env PILU_SIMULATOR_HOST, default "
                    + "${DEFAULT-VALUE}).")
    String host;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "${env:PILU_SIMULATOR_PORT:-" + DEFAULT_PORT + "}",
            description = "Port to listen on, 0 = any free port (env PILU_SIMULATOR_PORT, default ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--page-size",
            paramLabel = "N",
            defaultValue = "${env:PILU_SIMULATOR_PAGE_SIZE:-" + BseSimulator.DEFAULT_PAGE_SIZE + "}",
            description = "Announcements (or grouped rows) per listing page; smaller makes a crawler page through "
                    + "the samples (env PILU_SIMULATOR_PAGE_SIZE, default ${DEFAULT-VALUE}, as bse.cn).")
    int pageSize;

    private final PrintStream stdout;
    private final CountDownLatch stop = new CountDownLatch(1);

    public BseSimulatorCommand() {
        this(System.out);
    }

    BseSimulatorCommand(PrintStream stdout) {
        this.stdout = stdout;
    }

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 0..65535, not " + port);
        }
        if (pageSize < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--page-size must be at least 1");
        }
        SampleSet samples = SampleSet.bundled();
        BseSimulator simulator;
        try {
            simulator = BseSimulator.start(host, port);
        } catch (IllegalStateException e) {
            log.error("{} (is another bse-simulator running? choose another --port)", e.getMessage());
            return 1;
        }
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    requestStop();
                    try {
                        // let call() close the server and log before the JVM goes
                        closed.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "pilu-bse-simulator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (simulator) {
            simulator.pageSize(pageSize);
            // the point of a contract-enforcing simulator: tell whoever tries a crawler against it what it broke
            simulator.onContractViolation(v -> log.warn("contract violation: {}", v));
            simulator.load(samples);
            stdout.println(simulator.baseUrl());
            stdout.println("Serving " + samples.samples().size() + " sample announcements published "
                    + samples.earliestPublishDate() + ".." + samples.latestPublishDate() + ". Crawl them with "
                    + "(without --dry-run to publish to Kafka):");
            stdout.println("  pilu crawl --once --dry-run --base-url " + simulator.baseUrl() + " --from "
                    + samples.earliestPublishDate());
            stdout.flush();
            log.info(
                    "pilu bse-simulator serving base_url={} host={} port={} page_size={} samples={} first_date={} "
                            + "last_date={}",
                    simulator.baseUrl(),
                    host,
                    simulator.port(),
                    pageSize,
                    samples.samples().size(),
                    samples.earliestPublishDate(),
                    samples.latestPublishDate());
            stop.await();
            log.info(
                    "pilu bse-simulator stopped; contract violations: {}",
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

    /** Makes {@link #call()} stop serving and return 0: what SIGTERM does, for a program that embeds the command. */
    public void requestStop() {
        stop.countDown();
    }
}
