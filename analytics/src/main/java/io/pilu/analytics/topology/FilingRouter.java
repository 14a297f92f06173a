package io.pilu.analytics.topology;

import io.pilu.model.DeadLetter;
import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.JsonSerde;
import io.pilu.model.ResearchVisit;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * First step of the analytics: reads {@code pilu.ir-activities} as a table keyed by announcement (raw) id and sends
 * each arrival, with its visits, to its filing ({@link io.pilu.model.FilingIdentity}), where {@link VisitExploder}
 * counts every filing once however many sources reported it. The store remembers each raw id's filing and
 * enrichment version, because a tombstone carries neither: it is routed to the filing the id last belonged to.
 *
 * <p>Versions follow the sink's rule: a record with an older {@code enrichmentVersion} than the one applied is
 * stale and skipped; a tombstone always applies. A re-crawl that moves a raw id to another filing (its title or
 * date changed) withdraws it from the old one. A record that cannot be read goes to {@code pilu.dlq.analytics}
 * with the reason and changes nothing. The tombstones enrich writes for every non-IR record cost one store read.
 */
final class FilingRouter implements Processor<byte[], byte[], String, Output> {

    static final String STAGE = "analytics";
    static final String KEY_MISMATCH = "KeyMismatch";
    static final String NO_COMPANY = "NoCompanyCode";
    static final String TOMBSTONE_WITHOUT_KEY = "TombstoneWithoutKey";

    private final VisitMapper mapper;
    private final Clock clock;
    private final AnalyticsMetrics metrics;
    private final JsonSerde<EnrichedAnnouncement> serde = JsonSerde.enriched();
    private ProcessorContext<String, Output> context;
    private KeyValueStore<String, ArrivalRef> arrivals;

    FilingRouter(VisitMapper mapper, Clock clock, AnalyticsMetrics metrics) {
        this.mapper = mapper;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Output> context) {
        this.context = context;
        this.arrivals = context.getStateStore(AnalyticsTopology.ARRIVALS_STORE);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String id = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (id == null) {
            deadLetter(
                    record,
                    TOMBSTONE_WITHOUT_KEY,
                    record.value() == null
                            ? "a null value with a null key identifies nothing"
                            : "an IR record without a key cannot replace or be withdrawn later");
            return;
        }
        ArrivalRef previous = arrivals.get(id);
        if (record.value() == null) {
            if (previous != null) {
                arrivals.delete(id);
                context.forward(record.withKey(previous.filingId()).withValue(route(FilingInput.withdrawal(id))));
            }
            metrics.withdrawn();
            return;
        }
        EnrichedAnnouncement e;
        try {
            e = serde.fromBytes(record.value());
        } catch (RuntimeException ex) {
            deadLetter(record, ex.getClass().getName(), DeadLetter.describe(ex));
            return;
        }
        if (!id.equals(e.id())) {
            deadLetter(
                    record, KEY_MISMATCH, "record key '" + id + "' differs from the announcement id '" + e.id() + "'");
            return;
        }
        if (previous != null && e.enrichmentVersion() < previous.enrichmentVersion()) {
            metrics.stale();
            return;
        }
        List<ResearchVisit> visits = mapper.visits(e);
        if (!visits.isEmpty()
                && (e.announcement().companyCode() == null
                        || e.announcement().companyCode().isBlank())) {
            deadLetter(
                    record, NO_COMPANY, "IR record " + id + " names no company code: its visits cannot be attributed");
            return;
        }
        if (previous != null && !previous.filingId().equals(e.filingId())) {
            context.forward(record.withKey(previous.filingId()).withValue(route(FilingInput.withdrawal(id))));
        }
        arrivals.put(id, new ArrivalRef(e.filingId(), e.enrichmentVersion()));
        context.forward(record.withKey(e.filingId())
                .withValue(
                        route(new FilingInput(id, e.announcement().source(), e.enrichmentVersion(), visits, false))));
        metrics.applied();
    }

    private static Output route(FilingInput input) {
        return new Output.Routed(input);
    }

    private void deadLetter(Record<byte[], byte[]> record, String errorClass, String message) {
        metrics.failed(errorClass);
        DeadLetter letter = context.recordMetadata()
                .map(m -> DeadLetter.of(
                        STAGE,
                        m.topic(),
                        m.partition(),
                        m.offset(),
                        record.key(),
                        record.value(),
                        errorClass,
                        message,
                        clock.instant()))
                .orElseGet(() -> DeadLetter.of(
                        STAGE, null, null, null, record.key(), record.value(), errorClass, message, clock.instant()));
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        context.forward(record.withKey(key).withValue(new Output.Failed(letter)));
    }

    /** What the store keeps per raw id: the filing it belongs to and the enrichment version applied. */
    public record ArrivalRef(String filingId, int enrichmentVersion) {}
}
