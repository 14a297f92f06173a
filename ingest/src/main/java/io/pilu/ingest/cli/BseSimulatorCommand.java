package io.pilu.ingest.cli;

import io.pilu.ingest.simulator.BseSimulator;
import io.pilu.ingest.simulator.SampleSet;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
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

    private final SimulatorRunner runner;

    public BseSimulatorCommand() {
        this(System.out);
    }

    BseSimulatorCommand(PrintStream stdout) {
        this.runner = new SimulatorRunner("bse-simulator", log, stdout);
    }

    @Override
    public Integer call() throws Exception {
        SimulatorRunner.checkPort(spec, port);
        if (pageSize < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--page-size must be at least 1");
        }
        SampleSet samples = SampleSet.bundled();
        return runner.run(host, () -> BseSimulator.start(host, port), simulator -> {
            simulator.pageSize(pageSize);
            simulator.load(samples);
            return new SimulatorRunner.Serving(
                    List.of(
                            "Serving " + samples.samples().size() + " sample announcements published "
                                    + samples.earliestPublishDate() + ".." + samples.latestPublishDate()
                                    + ". Crawl them with (without --dry-run to publish to Kafka):",
                            "  pilu crawl --once --dry-run --base-url " + simulator.baseUrl() + " --from "
                                    + samples.earliestPublishDate()),
                    "page_size=" + pageSize + " samples=" + samples.samples().size() + " first_date="
                            + samples.earliestPublishDate() + " last_date=" + samples.latestPublishDate());
        });
    }

    /** Makes {@link #call()} stop serving and return 0: what SIGTERM does, for a program that embeds the command. */
    public void requestStop() {
        runner.requestStop();
    }
}
