package io.pilu.enrich.topology;

import io.pilu.model.DeadLetter;
import io.pilu.model.EnrichedAnnouncement;

/**
 * What the enrich processor made of one raw record: an enriched announcement, a tombstone to pass on, or a dead
 * letter. Exactly one of the three holds.
 */
sealed interface EnrichOutcome {

    /**
     * The raw record was understood. {@code bytes} is {@code value} serialised once, by the processor (which needs
     * the size anyway); every topic the record goes to is written from these bytes instead of serialising again.
     */
    record Enriched(EnrichedAnnouncement value, byte[] bytes) implements EnrichOutcome {}

    /** The raw record was a tombstone: the announcement is withdrawn downstream too. */
    record Tombstone() implements EnrichOutcome {}

    /** The raw record could not be read or processed. */
    record Failed(DeadLetter deadLetter) implements EnrichOutcome {}
}
