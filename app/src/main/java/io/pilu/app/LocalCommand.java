package io.pilu.app;

import io.pilu.app.local.LocalPipeline;
import io.pilu.app.local.PipelineStatus;
import io.pilu.ingest.cli.CrawlCommand;
import io.pilu.ingest.cli.CrawlOptions;
import io.pilu.ingest.crawl.CrawlConfig;
import io.pilu.ingest.simulator.BseSimulator;
import io.pilu.ingest.simulator.SampleSet;
import io.pilu.ingest.simulator.cninfo.CninfoSampleSet;
import io.pilu.ingest.simulator.cninfo.CninfoSimulator;
import io.pilu.service.Lifecycle;
import io.pilu.service.Lifecycle.Phase;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pilu local}: the whole pipeline on one machine, on embedded defaults — see {@link LocalPipeline}. Prints where
 * everything listens, a live status line, and how to search.
 */
@Command(
        name = "local",
        mixinStandardHelpOptions = true,
        description = "Run the whole pipeline locally: an embedded Kafka broker and Elasticsearch node, the crawler "
                + "(live bse.cn, or bundled samples with --offline), enrich, sink and analytics, the web app, and one "
                + "metrics endpoint.")
public final class LocalCommand implements Callable<Integer> {

    @Option(
            names = "--data-dir",
            defaultValue = "${env:PILU_LOCAL_DIR}",
            description = "Where the broker and the node keep their data (env PILU_LOCAL_DIR, default .pilu/local, "
                    + "or .pilu/local-offline with --offline so the two crawls never share a checkpoint).")
    Path dataDir;

    @Option(
            names = "--offline",
            description = "Crawl bundled sample announcements (the seed 并行科技 IR record among them) served by the "
                    + "bse.cn and cninfo simulators, through the same crawler code path, instead of the live sites.")
    boolean offline;

    @Option(
            names = "--sources",
            paramLabel = "SOURCES",
            split = ",",
            defaultValue = "${env:PILU_LOCAL_SOURCES:-bse,cninfo}",
            description = "Sites to crawl, comma-separated: bse, cninfo; each runs its own crawler (env "
                    + "PILU_LOCAL_SOURCES, default ${DEFAULT-VALUE}).")
    List<CrawlOptions.Source> sources;

    @Option(
            names = "--cninfo-base-url",
            defaultValue = "${env:PILU_CNINFO_BASE_URL:-" + CrawlOptions.CNINFO_BASE_URL + "}",
            description = "The cninfo site the cninfo crawler reads (env PILU_CNINFO_BASE_URL, default "
                    + "${DEFAULT-VALUE}).")
    String cninfoBaseUrl;

    @Option(
            names = "--cninfo-document-base-url",
            defaultValue = "${env:PILU_CNINFO_DOCUMENT_URL:-" + CrawlOptions.CNINFO_DOCUMENT_URL + "}",
            description = "The cninfo document host (env PILU_CNINFO_DOCUMENT_URL, default ${DEFAULT-VALUE}).")
    String cninfoDocumentBaseUrl;

    @Option(
            names = "--kafka-port",
            defaultValue = "${env:PILU_LOCAL_KAFKA_PORT:-9092}",
            description =
                    "Kafka listener port, 0 = any free port (env PILU_LOCAL_KAFKA_PORT, default ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(
            names = "--es-port",
            defaultValue = "${env:PILU_LOCAL_ES_PORT:-9200}",
            description =
                    "Elasticsearch HTTP port, 0 = any free port (env PILU_LOCAL_ES_PORT, default ${DEFAULT-VALUE}).")
    int esPort;

    @Option(
            names = "--ops-port",
            defaultValue = "${env:PILU_OPS_PORT:-9400}",
            description =
                    "Port of the one /metrics /healthz /readyz endpoint (env PILU_OPS_PORT, default ${DEFAULT-VALUE}).")
    int opsPort;

    @Option(
            names = "--ops-host",
            defaultValue = "${env:PILU_OPS_HOST:-127.0.0.1}",
            description =
                    "Address of the ops endpoint (env PILU_OPS_HOST, default ${DEFAULT-VALUE}: this machine only).")
    String opsHost;

    @Option(
            names = "--analytics-port",
            defaultValue = "${env:PILU_ANALYTICS_PORT:-9404}",
            description =
                    "Port of the analytics query API, 0 = any free port (env PILU_ANALYTICS_PORT, default ${DEFAULT-VALUE}).")
    int analyticsPort;

    @Option(
            names = "--web-port",
            defaultValue = "${env:PILU_WEB_PORT:-9480}",
            description =
                    "Port of the web app, bound to 127.0.0.1, 0 = any free port (env PILU_WEB_PORT, default ${DEFAULT-VALUE}).")
    int webPort;

    @Option(
            names = "--base-url",
            defaultValue = "${env:PILU_BSE_BASE_URL:-https://www.bse.cn}",
            description = "The exchange site the crawler reads (env PILU_BSE_BASE_URL, default ${DEFAULT-VALUE}).")
    String baseUrl;

    @Option(
            names = "--infra-only",
            description = "Start only the Kafka broker and the Elasticsearch node, no Pilu services.")
    boolean infraOnly;

    @Option(
            names = "--crawl-arg",
            paramLabel = "ARG",
            description = "Extra argument for every crawler, repeatable (e.g. --crawl-arg=--from=2024-06-01).")
    List<String> crawlArgs = new ArrayList<>();

    @Option(
            names = "--bse-crawl-arg",
            paramLabel = "ARG",
            description = "Extra argument for the bse crawler only, after every --crawl-arg, repeatable (e.g. "
                    + "--bse-crawl-arg=--type-codes=9504).")
    List<String> bseCrawlArgs = new ArrayList<>();

    @Option(
            names = "--cninfo-crawl-arg",
            paramLabel = "ARG",
            description = "Extra argument for the cninfo crawler only, after every --crawl-arg, repeatable (e.g. "
                    + "--cninfo-crawl-arg=--column=sse).")
    List<String> cninfoCrawlArgs = new ArrayList<>();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Path dir = (dataDir != null ? dataDir : Path.of(offline ? ".pilu/local-offline" : ".pilu/local"))
                .toAbsolutePath()
                .normalize();
        // The one shutdown hook, installed before anything starts: Ctrl-C at any time stops what runs, in order.
        Lifecycle lifecycle = new Lifecycle("pilu-local").closeOnShutdown();
        try {
            return run(out, dir, lifecycle);
        } finally {
            lifecycle.close();
        }
    }

    private int run(PrintStream out, Path dir, Lifecycle lifecycle) throws InterruptedException {
        List<String> bseArgs = new ArrayList<>(List.of("--base-url", baseUrl));
        List<String> cninfoArgs = new ArrayList<>(List.of(
                "--source", "cninfo", "--base-url", cninfoBaseUrl, "--document-base-url", cninfoDocumentBaseUrl));
        if (offline && !infraOnly) {
            // The simulators stop after the crawlers that read them.
            if (sources.contains(CrawlOptions.Source.bse)) {
                BseSimulator simulator = lifecycle.add(Phase.SERVICE, "bse-simulator", BseSimulator.withSamples());
                bseArgs = new ArrayList<>(List.of(
                        "--base-url",
                        simulator.baseUrl(),
                        // The samples are dated 2024: start the crawl at the oldest; the local simulator needs no
                        // politeness.
                        "--from",
                        SampleSet.bundled().earliestPublishDate().toString(),
                        "--rate-limit",
                        "50"));
                baseUrl = simulator.baseUrl();
            }
            if (sources.contains(CrawlOptions.Source.cninfo)) {
                CninfoSimulator cninfo =
                        lifecycle.add(Phase.SERVICE, "cninfo-simulator", CninfoSimulator.withSamples());
                cninfoArgs = offlineCninfoArgs(cninfo);
                cninfoBaseUrl = cninfo.baseUrl();
            }
        }
        LocalPipeline.Options options;
        if (infraOnly) {
            options = LocalPipeline.Options.infraOnly(dir, kafkaPort, esPort, opsPort, opsHost);
        } else {
            List<CrawlConfig> crawls = crawls(bseArgs, cninfoArgs);
            options =
                    LocalPipeline.Options.all(dir, kafkaPort, esPort, opsPort, opsHost, crawls, analyticsPort, webPort);
        }
        out.println("pilu local: starting Kafka (KRaft) and Elasticsearch under " + dir + " ...");
        if (!infraOnly && !offline) {
            List<String> sites = new ArrayList<>();
            if (sources.contains(CrawlOptions.Source.bse)) {
                sites.add(baseUrl);
            }
            if (sources.contains(CrawlOptions.Source.cninfo)) {
                sites.add(cninfoBaseUrl);
            }
            for (String site : sites) {
                reachability(site).ifPresent(problem -> out.println("""
                        pilu local: %s cannot be reached from here (%s).
                                    The pipeline starts anyway and the crawler retries every poll;
                                    for a demo without network access run: bin/pilu local --offline
                        """.formatted(site, problem)));
            }
        }
        LocalPipeline pipeline = LocalPipeline.start(options, lifecycle);

        out.printf(
                "  kafka          %s   (started in %.1f s, log %s)%n",
                pipeline.bootstrapServers(),
                pipeline.broker().lastStartupTime().toMillis() / 1000.0,
                pipeline.broker().logFile());
        out.printf(
                "  elasticsearch  %s   (started in %.1f s, log %s)%n",
                pipeline.elasticsearchUrl(),
                pipeline.elasticsearch().lastStartupTime().toMillis() / 1000.0,
                pipeline.elasticsearch().logFile());
        out.println("  metrics        " + pipeline.opsUrl() + "/metrics   (/healthz /readyz)");
        if (infraOnly) {
            out.println("  services       none (--infra-only)");
        } else {
            if (sources.contains(CrawlOptions.Source.bse)) {
                out.println("  crawl bse      " + baseUrl + (offline ? " (bse.cn simulator, bundled samples)" : "")
                        + " -> pilu.announcements.raw");
            }
            if (sources.contains(CrawlOptions.Source.cninfo)) {
                out.println("  crawl cninfo   " + cninfoBaseUrl
                        + (offline ? " (cninfo simulator, bundled samples)" : "") + " -> pilu.announcements.raw");
            }
            out.println("  enrich         pilu.announcements.raw -> pilu.announcements.enriched, pilu.ir-activities, "
                    + "pilu.entity-mentions");
            out.println("  sink           pilu.announcements.enriched -> " + pipeline.elasticsearchUrl()
                    + "/pilu-announcements, pilu.research-visits -> /pilu-research-visits");
            out.println(
                    "  analytics      " + pipeline.analyticsUrl() + "   (pilu.ir-activities -> pilu.research-visits, "
                            + "pilu.company-coverage, pilu.institution-coverage)");
            out.println("  web            " + pipeline.webUrl() + "/   (search, announcements, companies, "
                    + "institutions, rankings, live; 127.0.0.1 only)");
            out.println();
            out.println("Search (in another terminal):  bin/pilu search 智谱华章"
                    + (esPort == 9200 ? "" : " --es-url " + pipeline.elasticsearchUrl()));
            out.println("Who researched whom:           bin/pilu visits --company 839493"
                    + (analyticsPort == 9404 ? "" : " --api-url " + pipeline.analyticsUrl()));
        }
        out.println("Stop with Ctrl-C. Data stays in " + dir + "; the next start resumes from it.");
        out.println();

        boolean tty = System.console() != null;
        PipelineStatus last = null;
        long lastPrinted = 0;
        while (!lifecycle.awaitClosed(Duration.ofSeconds(tty ? 1 : 5))) {
            if (infraOnly) {
                continue;
            }
            PipelineStatus now = pipeline.status();
            String failed = pipeline.failures().isEmpty()
                    ? ""
                    : "  FAILED: " + pipeline.failures().keySet();
            if (tty) {
                out.print("\r" + now.describe() + failed + "   ");
                out.flush();
            } else if (!now.equals(last) || System.currentTimeMillis() - lastPrinted > 60_000) {
                // Without a terminal, a line per change (at most every 5 s) keeps logs readable.
                out.println(now.describe() + failed);
                lastPrinted = System.currentTimeMillis();
            }
            last = now;
        }
        return 0;
    }

    /**
     * The crawlers of {@code --sources}, cninfo first (the lifecycle stops them in reverse, bse.cn's first), from
     * each one's base arguments; see {@link #crawlerArgs}.
     *
     * @throws CommandLine.ParameterException on a bad argument, naming the flag it came from and the source, or on a
     *     per-source argument for a source not crawled
     */
    List<CrawlConfig> crawls(List<String> bseBase, List<String> cninfoBase) {
        for (CrawlOptions.Source source : CrawlOptions.Source.values()) {
            if (!sources.contains(source) && !ownCrawlArgs(source).isEmpty()) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), ownFlag(source) + ": " + source + " is not in --sources " + sources);
            }
        }
        List<CrawlConfig> crawls = new ArrayList<>();
        if (sources.contains(CrawlOptions.Source.cninfo)) {
            crawls.add(crawl(CrawlOptions.Source.cninfo, cninfoBase));
        }
        if (sources.contains(CrawlOptions.Source.bse)) {
            crawls.add(crawl(CrawlOptions.Source.bse, bseBase));
        }
        return crawls;
    }

    /**
     * What {@code source}'s crawler is given: its base arguments, every {@code --crawl-arg}, then its own
     * {@code --<source>-crawl-arg}s, so where an option takes one value the source's own wins.
     */
    List<String> crawlerArgs(CrawlOptions.Source source, List<String> base) {
        return concat(base, crawlArgs, ownCrawlArgs(source));
    }

    private CrawlConfig crawl(CrawlOptions.Source source, List<String> base) {
        try {
            return parseCrawl(crawlerArgs(source, base));
        } catch (CommandLine.ParameterException e) {
            String culprit = culprit(source, base);
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    (culprit.isEmpty() ? "" : culprit + ", ") + source + " crawler: " + e.getMessage());
        }
    }

    /**
     * The flag that brought the bad argument into {@code source}'s crawler: the one without which the rest parses
     * (empty when neither flag was given: the base arguments, from this command's own options, are wrong).
     */
    private String culprit(CrawlOptions.Source source, List<String> base) {
        List<String> own = ownCrawlArgs(source);
        if (own.isEmpty()) {
            return crawlArgs.isEmpty() ? "" : "--crawl-arg";
        }
        if (crawlArgs.isEmpty() || parses(concat(base, crawlArgs, List.of()))) {
            return ownFlag(source);
        }
        if (parses(concat(base, List.of(), own))) {
            return "--crawl-arg";
        }
        return "--crawl-arg and " + ownFlag(source);
    }

    private List<String> ownCrawlArgs(CrawlOptions.Source source) {
        return switch (source) {
            case bse -> bseCrawlArgs;
            case cninfo -> cninfoCrawlArgs;
        };
    }

    private static String ownFlag(CrawlOptions.Source source) {
        return "--" + source + "-crawl-arg";
    }

    private static CrawlConfig parseCrawl(List<String> args) {
        return CrawlCommand.parse(args.toArray(String[]::new));
    }

    private static boolean parses(List<String> args) {
        try {
            parseCrawl(args);
            return true;
        } catch (CommandLine.ParameterException e) {
            return false;
        }
    }

    private static List<String> concat(List<String> base, List<String> shared, List<String> own) {
        List<String> args = new ArrayList<>(base);
        args.addAll(shared);
        args.addAll(own);
        return args;
    }

    /** The cninfo crawler's arguments against {@code simulator} (no politeness needed on this machine). */
    public static List<String> offlineCninfoArgs(CninfoSimulator simulator) {
        return new ArrayList<>(List.of(
                "--source",
                "cninfo",
                "--base-url",
                simulator.baseUrl(),
                "--document-base-url",
                simulator.documentBaseUrl(),
                "--from",
                CninfoSampleSet.bundled().earliestPublishDate().toString(),
                "--list-interval",
                "0s",
                "--document-interval",
                "0s",
                "--interval-jitter",
                "0s"));
    }

    /** Empty when {@code baseUrl} answers at all; else why not. */
    private static java.util.Optional<String> reachability(String baseUrl) {
        try {
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            http.send(
                    HttpRequest.newBuilder(URI.create(baseUrl))
                            .timeout(Duration.ofSeconds(8))
                            .method("HEAD", HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return java.util.Optional.empty();
        } catch (Exception e) {
            return java.util.Optional.of(
                    e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }
}
