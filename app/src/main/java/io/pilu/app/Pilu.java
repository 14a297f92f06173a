package io.pilu.app;

import io.pilu.analytics.cli.AnalyticsCommand;
import io.pilu.analytics.cli.RankingsCommand;
import io.pilu.analytics.cli.VisitsCommand;
import io.pilu.app.bench.BenchCommand;
import io.pilu.enrich.cli.EnrichCommand;
import io.pilu.ingest.cli.BackfillCommand;
import io.pilu.ingest.cli.BseSimulatorCommand;
import io.pilu.ingest.cli.CninfoSimulatorCommand;
import io.pilu.ingest.cli.CrawlCommand;
import io.pilu.sink.cli.SearchCommand;
import io.pilu.sink.cli.SinkCommand;
import io.pilu.web.WebCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code pilu} command: every Pilu service and tool as a subcommand. {@code main} only wires. */
@Command(
        name = "pilu",
        mixinStandardHelpOptions = true,
        versionProvider = PiluVersion.class,
        description = {
            "Pilu (披露): Beijing Stock Exchange announcements → Kafka → structured IR facts → Elasticsearch.",
            ""
        },
        subcommands = {
            LocalCommand.class,
            CrawlCommand.class,
            BackfillCommand.class,
            EnrichCommand.class,
            SinkCommand.class,
            SearchCommand.class,
            AnalyticsCommand.class,
            VisitsCommand.class,
            RankingsCommand.class,
            WebCommand.class,
            ExtractCommand.class,
            BenchCommand.class,
            BseSimulatorCommand.class,
            CninfoSimulatorCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Pilu implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        io.pilu.service.OpsServer
                .enableNoDelay(); // before any HTTP server starts (the bse.cn simulator, ops, analytics)
        // Must run before the first logger is created (command classes create theirs when picocli builds them).
        if ("json".equalsIgnoreCase(System.getenv("PILU_LOG_FORMAT"))
                && System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "logback-json.xml");
        }
        // Before any HTTP server of this JVM (the bse.cn simulator of `pilu local --offline` included) starts.
        io.pilu.service.OpsServer.limitSlowClients();
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new Pilu()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
