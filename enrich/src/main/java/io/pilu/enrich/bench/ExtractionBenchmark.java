package io.pilu.enrich.bench;

import io.pilu.enrich.extract.AnnouncementEnricher;
import io.pilu.model.DocumentClass;
import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.RawAnnouncement;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Measures single-thread throughput of {@link AnnouncementEnricher#enrich} on a real, seed-sized BSE IR record
 * (the 并行科技 record of 2024-06-17, shipped as a main resource so the packaged CLI can run it).
 *
 * <p>Runs the enricher for a warm-up period (JIT compilation, gazetteer and regex caches), then counts documents
 * over the measurement period. {@code pilu bench enrich} calls {@link #measure(int, int)}; run standalone with
 * {@code java -cp … io.pilu.enrich.bench.ExtractionBenchmark [warmupSeconds] [measureSeconds]}.
 */
public final class ExtractionBenchmark {

    /** Classpath location of the benchmark's input record. */
    public static final String SAMPLE_RESOURCE = "/io/pilu/enrich/bench/sample-ir-record.txt";
    /** Default warm-up, seconds. */
    public static final int DEFAULT_WARMUP_SECONDS = 5;
    /** Default measurement, seconds. */
    public static final int DEFAULT_MEASURE_SECONDS = 10;

    /**
     * What one run measured: wall-clock seconds, and the measuring thread's CPU seconds (the figure that does not
     * depend on what else the machine runs, as long as this thread gets a core now and then).
     */
    public record Result(long documents, double seconds, double docsPerSecond, int sampleChars, double cpuSeconds) {
        /** Documents per CPU-second of the measuring thread. */
        public double docsPerCpuSecond() {
            return documents / cpuSeconds;
        }

        /** One line for people. */
        public String describe() {
            return String.format(
                    "enrich: %.1f docs/s (%d documents in %.2f s, one thread, sample %d chars); "
                            + "%.1f docs per CPU-second",
                    docsPerSecond, documents, seconds, sampleChars, docsPerCpuSecond());
        }
    }

    private ExtractionBenchmark() {}

    /** Runs the benchmark; {@code warmupSeconds} ≥ 0, {@code measureSeconds} ≥ 1. */
    public static Result measure(int warmupSeconds, int measureSeconds) {
        if (warmupSeconds < 0 || measureSeconds < 1) {
            throw new IllegalArgumentException(
                    "need warmupSeconds >= 0 and measureSeconds >= 1, got " + warmupSeconds + " and " + measureSeconds);
        }
        String text = sampleText();
        RawAnnouncement raw = new RawAnnouncement(
                RawAnnouncement.SCHEMA_VERSION,
                "bench-sample",
                "bse",
                "BSE",
                "839493",
                "并行科技",
                "[临时公告]并行科技:投资者关系活动记录表",
                List.of("9504"),
                LocalDate.of(2024, 6, 18),
                "https://www.bse.cn/disclosure/2024/2024-06-18/bench.pdf",
                "pdf",
                null,
                null,
                null,
                text,
                RawAnnouncement.ExtractionStatus.OK,
                null,
                Instant.EPOCH);
        AnnouncementEnricher enricher = new AnnouncementEnricher();
        Instant at = Instant.EPOCH;

        EnrichedAnnouncement first = enricher.enrich(raw, at);
        if (first.documentClass() != DocumentClass.IR_ACTIVITY_RECORD
                || first.irActivity().qa().isEmpty()) {
            // a benchmark of a record the enricher does not understand would measure the wrong code path
            throw new IllegalStateException(
                    "benchmark sample was not parsed as an IR record: " + first.documentClass());
        }
        long sink = 0;
        long warmupEnd = System.nanoTime() + warmupSeconds * 1_000_000_000L;
        while (System.nanoTime() < warmupEnd) {
            sink += enricher.enrich(raw, at).irActivity().qa().size();
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long end = start + measureSeconds * 1_000_000_000L;
        long documents = 0;
        long now;
        do {
            sink += enricher.enrich(raw, at).figures().size();
            documents++;
            now = System.nanoTime();
        } while (now < end);
        double seconds = (now - start) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        if (sink == Long.MIN_VALUE) {
            System.out.print(""); // keeps the results observable so the JIT cannot drop the work
        }
        return new Result(documents, seconds, documents / seconds, text.length(), cpuSeconds);
    }

    /** The benchmark's input record. */
    public static String sampleText() {
        try (InputStream in = ExtractionBenchmark.class.getResourceAsStream(SAMPLE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("benchmark sample missing from the classpath: " + SAMPLE_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SAMPLE_RESOURCE, e);
        }
    }

    /** {@code [warmupSeconds (default 5)] [measureSeconds (default 10)]}; prints the measured figure. */
    public static void main(String[] args) {
        int warmup = DEFAULT_WARMUP_SECONDS;
        int measure = DEFAULT_MEASURE_SECONDS;
        try {
            if (args.length > 0) {
                warmup = Integer.parseInt(args[0]);
            }
            if (args.length > 1) {
                measure = Integer.parseInt(args[1]);
            }
            if (args.length > 2) {
                throw new IllegalArgumentException("too many arguments");
            }
            System.out.println(measure(warmup, measure).describe());
        } catch (IllegalArgumentException e) {
            System.err.println("usage: ExtractionBenchmark [warmupSeconds (default " + DEFAULT_WARMUP_SECONDS
                    + ")] [measureSeconds (default " + DEFAULT_MEASURE_SECONDS + ")]: " + e.getMessage());
            System.exit(2);
        }
    }
}
