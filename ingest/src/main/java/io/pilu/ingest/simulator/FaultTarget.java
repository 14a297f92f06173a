package io.pilu.ingest.simulator;

/** Which requests an injected failure ({@link BseSimulator#failNext}) hits. */
public enum FaultTarget {
    /** The two list endpoints. */
    LIST,
    /** Document downloads below {@code /disclosure/}. */
    DOCUMENT,
    /** Every list or document request. */
    ANY
}
