package io.pilu.app.bench;

import io.pilu.analytics.bench.AnalyticsBenchmark;
import io.pilu.ingest.bench.PdfExtractionBenchmark;
import io.pilu.model.Topics;
import io.pilu.sink.bench.SinkBenchmark;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pilu bench ...}: benchmarks that print measured figures. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks: they measure and print figures; nothing is asserted.",
        subcommands = {
            BenchCommand.ExtractPdf.class,
            BenchCommand.Enrich.class,
            BenchCommand.Sink.class,
            BenchCommand.Pipeline.class,
            BenchCommand.Analytics.class
        })
public final class BenchCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code pilu bench extract-pdf DIR}. */
    @Command(
            name = "extract-pdf",
            mixinStandardHelpOptions = true,
            description =
                    "PDF text extraction pages/s over the PDFs in DIR, beside poppler's pdftotext when installed.")
    static final class ExtractPdf implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "Directory of .pdf files.")
        Path dir;

        @Option(
                names = "--iterations",
                defaultValue = "3",
                description = "Timed passes over the files (default ${DEFAULT-VALUE}).")
        int iterations;

        @Override
        public Integer call() throws Exception {
            PdfExtractionBenchmark.main(new String[] {dir.toString(), Integer.toString(iterations)});
            return 0;
        }
    }

    /** {@code pilu bench enrich}. */
    @Command(
            name = "enrich",
            mixinStandardHelpOptions = true,
            description = "Extraction docs/s, then the enrich topology's records/s on a real broker beside a "
                    + "one-record and a like-for-like pass-through (exactly-once all): medians of alternating rounds "
                    + "after a warm-up, wall clock and CPU time.")
    static final class Enrich implements Callable<Integer> {
        @Option(names = "--bootstrap-servers", description = "Broker to use (default: start an embedded one).")
        String bootstrapServers;

        @Option(
                names = "--records",
                defaultValue = "20000",
                description = "Records through each topology (default ${DEFAULT-VALUE}).")
        int records;

        @Option(
                names = "--extraction-seconds",
                defaultValue = "10",
                description = "Measured seconds of extraction alone (default ${DEFAULT-VALUE}).")
        int extractionSeconds;

        @Option(
                names = "--commit-interval-ms",
                defaultValue = "100",
                description =
                        "Transaction commit interval of both topologies (default ${DEFAULT-VALUE}, as pilu enrich).")
        long commitIntervalMs;

        @Option(
                names = "--rounds",
                defaultValue = "3",
                description = "Counted rounds, each running the three topologies in turn after one warm-up round; "
                        + "medians are reported (default ${DEFAULT-VALUE}).")
        int rounds;

        @Option(
                names = "--threads",
                defaultValue = "1",
                description = "Stream threads of every topology (default ${DEFAULT-VALUE}).")
        int threads;

        @Option(
                names = "--partitions",
                defaultValue = "" + Topics.DATA_PARTITIONS,
                description = "Partitions of the input and output topics (default ${DEFAULT-VALUE}, as Pilu creates "
                        + "them).")
        int partitions;

        @Override
        public Integer call() throws Exception {
            try (BenchInfra infra = BenchInfra.kafka(bootstrapServers)) {
                EnrichTopologyBenchmark.run(
                        infra.bootstrapServers(),
                        infra.brokerPid(),
                        records,
                        extractionSeconds,
                        commitIntervalMs,
                        rounds,
                        threads,
                        partitions);
            }
            return 0;
        }
    }

    /** {@code pilu bench sink}. */
    @Command(
            name = "sink",
            mixinStandardHelpOptions = true,
            description = "Sink docs/s from Kafka into Elasticsearch beside raw _bulk with the same documents.")
    static final class Sink implements Callable<Integer> {
        @Option(names = "--bootstrap-servers", description = "Broker to use (default: start an embedded one).")
        String bootstrapServers;

        @Option(names = "--es-url", description = "Elasticsearch to use (default: start an embedded node).")
        String esUrl;

        @Option(names = "--docs", defaultValue = "10000", description = "Documents (default ${DEFAULT-VALUE}).")
        int docs;

        @Option(
                names = "--rounds",
                defaultValue = "3",
                description = "Timed alternating sink/_bulk rounds; medians are reported (default ${DEFAULT-VALUE}).")
        int rounds;

        @Option(
                names = "--warmup-rounds",
                defaultValue = "" + SinkBenchmark.DEFAULT_WARMUP_ROUNDS,
                description = "Untimed sink/_bulk rounds before the timed ones (default ${DEFAULT-VALUE}).")
        int warmupRounds;

        @Option(
                names = "--refresh-interval-ms",
                defaultValue = "" + io.pilu.sink.SinkConfig.DEFAULT_REFRESH_INTERVAL_MS,
                description = "index.refresh_interval of both sides' indices (default ${DEFAULT-VALUE}, the sink's).")
        long refreshIntervalMs;

        @Option(
                names = "--analyzer",
                paramLabel = "cjk|smartcn",
                converter = io.pilu.sink.cli.ChineseAnalyzerConverter.class,
                defaultValue = io.pilu.sink.es.IndexTemplate.DEFAULT_ANALYZER_NAME,
                description = "Chinese analysis of both sides' indices (default ${DEFAULT-VALUE}, the sink's).")
        io.pilu.sink.es.IndexTemplate.ChineseAnalyzer analyzer;

        @Override
        public Integer call() throws Exception {
            try (BenchInfra kafka = BenchInfra.kafka(bootstrapServers);
                    BenchInfra.Es es = BenchInfra.elasticsearch(esUrl)) {
                SinkBenchmark.run(
                        kafka.bootstrapServers(),
                        es.url(),
                        es.node() == null ? -1 : es.node().pid(),
                        docs,
                        rounds,
                        warmupRounds,
                        java.time.Duration.ofMillis(refreshIntervalMs),
                        analyzer,
                        System.out);
            }
            return 0;
        }
    }

    /** {@code pilu bench pipeline}. */
    @Command(
            name = "pipeline",
            mixinStandardHelpOptions = true,
            description = "Throughput per stage and end to end, each stage's CPU share and capacity (records per "
                    + "CPU-second), raw->searchable latency percentiles and resident memory, on the local stack "
                    + "(embedded broker and node).")
    static final class Pipeline implements Callable<Integer> {
        @Option(
                names = "--records",
                defaultValue = "20000",
                description = "Records for the throughput run (default ${DEFAULT-VALUE}).")
        int records;

        @Option(
                names = "--rate",
                defaultValue = "100",
                description = "Records/s for the latency run (default ${DEFAULT-VALUE}).")
        int rate;

        @Option(
                names = "--latency-seconds",
                defaultValue = "30",
                description = "Length of the latency run (default ${DEFAULT-VALUE}).")
        int latencySeconds;

        @Option(
                names = "--warmup-records",
                defaultValue = "1000",
                description = "Untimed records through every stage first, so JIT compilation is not counted "
                        + "(default ${DEFAULT-VALUE}).")
        int warmupRecords;

        @Override
        public Integer call() throws Exception {
            PipelineBenchmark.run(records, rate, latencySeconds, warmupRecords);
            return 0;
        }
    }

    /** {@code pilu bench analytics}. */
    @Command(
            name = "analytics",
            mixinStandardHelpOptions = true,
            description = "Analytics visits/s (exactly-once) beside a pass-through on the same broker; company lookup "
                    + "and 90-day ranking latency p50/p99 at growing sizes; restore time of every store.")
    static final class Analytics implements Callable<Integer> {
        @Option(names = "--bootstrap-servers", description = "Broker to use (default: start an embedded one).")
        String bootstrapServers;

        @Option(
                names = "--sizes",
                split = ",",
                defaultValue = "10000,100000,1000000",
                description = "Cumulative visit counts to measure queries at (default ${DEFAULT-VALUE}).")
        java.util.List<Integer> sizes;

        @Option(
                names = "--pass-through-visits",
                defaultValue = "100000",
                description = "Visits through the pass-through topology (default ${DEFAULT-VALUE}).")
        int passThroughVisits;

        @Option(
                names = "--lookups",
                defaultValue = "1000",
                description = "Company lookups per size (default ${DEFAULT-VALUE}).")
        int lookups;

        @Option(
                names = "--rankings",
                defaultValue = "100",
                description = "90-day rankings per size (default ${DEFAULT-VALUE}).")
        int rankings;

        @Override
        public Integer call() throws Exception {
            try (BenchInfra infra = BenchInfra.kafka(bootstrapServers)) {
                AnalyticsBenchmark.run(
                        infra.bootstrapServers(), sizes, passThroughVisits, lookups, rankings, System.out);
            }
            return 0;
        }
    }
}
