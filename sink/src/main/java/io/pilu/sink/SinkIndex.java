package io.pilu.sink;

import io.pilu.sink.es.IndexTemplate;
import java.util.function.Supplier;

/**
 * What a sink writes: the enriched announcements ({@code pilu-announcements}) or the research visits
 * ({@code pilu-research-visits}). Same loop, batching, retries, versions and dead letters; only the decoder, the
 * index template, the Kafka client ids and the meters' names differ.
 */
public enum SinkIndex {
    ANNOUNCEMENTS(
            IndexTemplate.RESOURCE,
            "pilu-sink",
            "pilu.sink",
            () -> new EnrichedRecordDecoder(new EnrichedDocumentConverter()),
            true),
    RESEARCH_VISITS(
            IndexTemplate.RESEARCH_VISITS_RESOURCE,
            "pilu-sink-visits",
            "pilu.sink.visits",
            ResearchVisitRecordDecoder::new,
            false);

    /** Default alias of the research-visits index. */
    public static final String DEFAULT_VISITS_ALIAS = "pilu-research-visits";

    private final String templateResource;
    private final String clientId;
    private final String meterPrefix;
    private final Supplier<RecordDecoder> decoder;
    private final boolean mergesFilings;

    SinkIndex(
            String templateResource,
            String clientId,
            String meterPrefix,
            Supplier<RecordDecoder> decoder,
            boolean mergesFilings) {
        this.mergesFilings = mergesFilings;
        this.templateResource = templateResource;
        this.clientId = clientId;
        this.meterPrefix = meterPrefix;
        this.decoder = decoder;
    }

    public String templateResource() {
        return templateResource;
    }

    public String clientId() {
        return clientId;
    }

    public String meterPrefix() {
        return meterPrefix;
    }

    public RecordDecoder decoder() {
        return decoder.get();
    }

    /**
     * Whether a document merges several records (a filing's arrivals from several sources): then the sink installs
     * merges them ({@link FilingMerger}) and resolves tombstones to the filing holding the arrival.
     */
    public boolean mergesFilings() {
        return mergesFilings;
    }
}
