package io.pilu.enrich.topology;

import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pilu.enrich.extract.AnnouncementEnricher;
import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.RawAnnouncement;
import io.pilu.service.Check;
import io.pilu.service.KafkaSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the enrich topology on Kafka Streams, and says whether it is alive and ready (ready only while Streams is
 * RUNNING) for whoever serves the ops endpoint. I/O wiring only; the topology is {@link EnrichTopology}.
 */
public final class EnrichService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EnrichService.class);

    private final KafkaStreams streams;
    private final String topologyDescription;
    private final KafkaStreamsMetrics streamsMetrics;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private EnrichService(KafkaStreams streams, String topologyDescription, KafkaStreamsMetrics streamsMetrics) {
        this.streams = streams;
        this.topologyDescription = topologyDescription;
        this.streamsMetrics = streamsMetrics;
    }

    /** Builds and starts the enrich topology with the extraction core ({@link AnnouncementEnricher}). */
    public static EnrichService start(EnrichConfig config, PrometheusMeterRegistry registry) {
        return start(config, new AnnouncementEnricher()::enrich, registry);
    }

    /** Builds and starts the topology with {@code enricher} (tests and benchmarks substitute their own). */
    public static EnrichService start(
            EnrichConfig config,
            BiFunction<RawAnnouncement, Instant, EnrichedAnnouncement> enricher,
            PrometheusMeterRegistry registry) {
        EnrichMetrics metrics = new EnrichMetrics(registry);
        int maxRecordBytes = outputLimit(config);
        Topology topology =
                EnrichTopology.topology(config.topics(), enricher, Clock.systemUTC(), metrics, maxRecordBytes);
        java.util.Properties props = config.streamsProperties();
        props.put(DeadLetterProductionHandler.METRICS_CONFIG, metrics);
        KafkaStreams streams = new KafkaStreams(topology, props);
        // A failure outside our processor (e.g. a fenced producer after a long GC pause) is transient by nature:
        // replace the thread, the transaction is aborted and the work redone. Our own processing errors never get
        // here — they become dead letters.
        streams.setUncaughtExceptionHandler(e -> {
            log.error("stream thread failed; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((now, before) -> log.info("enrich state {} -> {}", before, now));
        // 1 while RUNNING: what the "enrich not running" alert watches (Streams' own metrics carry no state).
        io.micrometer.core.instrument.Gauge.builder(
                        "pilu.enrich.running", streams, s -> s.state() == KafkaStreams.State.RUNNING ? 1 : 0)
                .description("1 while the enrich topology is RUNNING, else 0")
                .register(registry);
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        String description = topology.describe().toString();
        EnrichService service = new EnrichService(streams, description, streamsMetrics);
        streams.start();
        log.info(
                "enrich started: application.id={} input={} outputs=[{}, {}, {}] dlq={} threads={}",
                config.applicationId(),
                config.topics().raw(),
                config.topics().enriched(),
                config.topics().irActivities(),
                config.topics().entityMentions(),
                config.topics().dlqEnrich(),
                config.threads());
        return service;
    }

    /**
     * The largest record every output topic takes: the smallest {@code max.message.bytes} of the enriched, IR and
     * entity topics (topics an operator created keep the broker's ~1 MB default), at most the producers' budget.
     */
    static int outputLimit(EnrichConfig config) {
        List<String> outputs = List.of(
                config.topics().enriched(),
                config.topics().irActivities(),
                config.topics().entityMentions());
        try (Admin admin = Admin.create(KafkaSettings.admin(config.bootstrapServers()))) {
            Map<ConfigResource, Config> configs = admin.describeConfigs(outputs.stream()
                            .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t))
                            .toList())
                    .all()
                    .get(30, TimeUnit.SECONDS);
            int limit = KafkaSettings.MAX_RECORD_BYTES;
            for (Config c : configs.values()) {
                ConfigEntry e = c.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
                if (e != null && e.value() != null) {
                    limit = Math.min(limit, Integer.parseInt(e.value()));
                }
            }
            log.info("enrich output record limit {} bytes (smallest max.message.bytes of {})", limit, outputs);
            return limit;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading topic configs", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.warn(
                    "cannot read max.message.bytes of {} ({}); assuming {} bytes",
                    outputs,
                    e.toString(),
                    KafkaSettings.MAX_RECORD_BYTES);
            return KafkaSettings.MAX_RECORD_BYTES;
        }
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Alive unless Streams is in ERROR or NOT_RUNNING. */
    public Check liveness() {
        KafkaStreams.State state = streams.state();
        return state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING
                ? Check.failing(state.name())
                : Check.ok(state.name());
    }

    /** Ready only while Streams is RUNNING. */
    public Check readiness() {
        KafkaStreams.State state = streams.state();
        return state == KafkaStreams.State.RUNNING ? Check.ok("RUNNING") : Check.failing(state.name());
    }

    /** The topology as Kafka Streams describes it (served at {@code /topology}). */
    public String topologyDescription() {
        return topologyDescription;
    }

    /** Blocks until {@link #close()}. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // close() commits the open transaction; a bounded wait keeps shutdown from hanging on a dead broker.
        streams.close(Duration.ofSeconds(30));
        streamsMetrics.close();
        stopped.countDown();
        log.info("enrich stopped");
    }
}
