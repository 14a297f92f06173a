package io.pilu.ingest.cli;

import io.pilu.ingest.simulator.cninfo.CninfoSampleSet;
import io.pilu.ingest.simulator.cninfo.CninfoSimulator;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private final SimulatorRunner runner;

    public CninfoSimulatorCommand() {
        this(System.out);
    }

    CninfoSimulatorCommand(PrintStream stdout) {
        this.runner = new SimulatorRunner("cninfo-simulator", log, stdout);
    }

    @Override
    public Integer call() throws Exception {
        SimulatorRunner.checkPort(spec, port);
        CninfoSampleSet set = samples ? CninfoSampleSet.bundled() : null;
        return runner.run(host, () -> CninfoSimulator.start(host, port), simulator -> {
            if (set == null) {
                return new SimulatorRunner.Serving(List.of("Serving an empty site."), "samples=0");
            }
            simulator.load(set);
            return new SimulatorRunner.Serving(
                    List.of("Serving " + set.samples().size() + " sample announcements published "
                            + set.earliestPublishDate() + ".." + set.latestPublishDate()
                            + "; documents on the same port (use it as both the base and the document base URL)."),
                    "samples=" + set.samples().size());
        });
    }

    /** Makes {@link #call()} stop serving and return 0. */
    public void requestStop() {
        runner.requestStop();
    }
}
