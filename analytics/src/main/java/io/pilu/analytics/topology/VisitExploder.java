package io.pilu.analytics.topology;

import io.pilu.model.DeadLetter;
import io.pilu.model.EnrichedAnnouncement;
import io.pilu.model.JsonSerde;
import io.pilu.model.ResearchVisit;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Reads {@code pilu.ir-activities} as a table keyed by announcement id: the store holds the visits each
 * announcement produced last time, so a new version is compared with the previous one and a tombstone withdraws
 * it. Emits, per visit key, the published visit (or a tombstone when the institution is gone) and, per side, the
 * change (before → after) the aggregations subtract and add. An unchanged visit emits nothing, so replaying the
 * input moves no figure and publishes nothing new.
 *
 * <p>Versions follow the sink's rule: a record with an older {@code enrichmentVersion} than the one applied is
 * stale and skipped; a tombstone always applies. A record that cannot be read goes to {@code pilu.dlq.analytics}
 * with the reason and changes nothing.
 */
final class VisitExploder implements Processor<byte[], byte[], String, Output> {

    static final String STAGE = "analytics";
    static final String KEY_MISMATCH = "KeyMismatch";
    static final String NO_COMPANY = "NoCompanyCode";
    static final String TOMBSTONE_WITHOUT_KEY = "TombstoneWithoutKey";

    private final VisitMapper mapper;
    private final Clock clock;
    private final AnalyticsMetrics metrics;
    private final JsonSerde<EnrichedAnnouncement> serde = JsonSerde.enriched();
    private final JsonSerde<ResearchVisit> visitSerde = JsonSerde.of(ResearchVisit.class);
    private ProcessorContext<String, Output> context;
    private KeyValueStore<String, AnnouncementVisits> announcements;

    VisitExploder(VisitMapper mapper, Clock clock, AnalyticsMetrics metrics) {
        this.mapper = mapper;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Output> context) {
        this.context = context;
        this.announcements = context.getStateStore(AnalyticsTopology.ANNOUNCEMENTS_STORE);
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
        AnnouncementVisits previous = announcements.get(id);
        if (record.value() == null) {
            if (previous != null) {
                apply(record, previous, Map.of());
                announcements.delete(id);
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
        Map<String, Current> current = new LinkedHashMap<>();
        for (ResearchVisit v : visits) {
            current.put(v.key(), new Current(v, fingerprint(visitSerde.toBytes(v))));
        }
        List<AnnouncementVisits.Stored> stored = apply(record, previous, current);
        announcements.put(id, new AnnouncementVisits(e.enrichmentVersion(), stored));
        metrics.applied();
    }

    /** Emits the difference between {@code previous} and {@code current}; returns what to store. */
    private List<AnnouncementVisits.Stored> apply(
            Record<byte[], byte[]> record, AnnouncementVisits previous, Map<String, Current> current) {
        Map<String, AnnouncementVisits.Stored> before = new LinkedHashMap<>();
        if (previous != null) {
            for (AnnouncementVisits.Stored s : previous.visits()) {
                before.put(s.key(), s);
            }
        }
        for (AnnouncementVisits.Stored old : before.values()) {
            if (!current.containsKey(old.key())) {
                context.forward(record.withKey(old.key()).withValue(new Output.Visit(null)));
                change(record, old.entry(), null);
                metrics.retracted();
            }
        }
        List<AnnouncementVisits.Stored> stored = new ArrayList<>(current.size());
        for (Map.Entry<String, Current> c : current.entrySet()) {
            VisitEntry entry = VisitEntry.of(c.getValue().visit());
            AnnouncementVisits.Stored now = new AnnouncementVisits.Stored(
                    c.getKey(), entry, c.getValue().fingerprint());
            stored.add(now);
            AnnouncementVisits.Stored old = before.get(c.getKey());
            if (old != null && old.equals(now)) {
                continue; // unchanged: nothing to publish, nothing to move
            }
            context.forward(record.withKey(c.getKey())
                    .withValue(new Output.Visit(c.getValue().visit())));
            change(record, old == null ? null : old.entry(), entry);
            metrics.published();
        }
        return stored;
    }

    /** One change per side, keyed by that side's owner; an owner that changed is a removal plus an addition. */
    private void change(Record<byte[], byte[]> record, VisitEntry before, VisitEntry after) {
        for (Side side : Side.values()) {
            String ownerBefore = before == null ? null : side.owner(before);
            String ownerAfter = after == null ? null : side.owner(after);
            if (ownerBefore != null && ownerBefore.equals(ownerAfter)) {
                context.forward(
                        record.withKey(ownerAfter).withValue(new Output.Change(side, new VisitChange(before, after))));
                continue;
            }
            if (ownerBefore != null) {
                context.forward(
                        record.withKey(ownerBefore).withValue(new Output.Change(side, new VisitChange(before, null))));
            }
            if (ownerAfter != null) {
                context.forward(
                        record.withKey(ownerAfter).withValue(new Output.Change(side, new VisitChange(null, after))));
            }
        }
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

    /** 64-bit FNV-1a of the published bytes: tells an unchanged visit from a changed one. */
    static long fingerprint(byte[] bytes) {
        long h = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    private record Current(ResearchVisit visit, long fingerprint) {}
}
