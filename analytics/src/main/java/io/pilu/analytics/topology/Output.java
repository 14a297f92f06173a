package io.pilu.analytics.topology;

import io.pilu.model.DeadLetter;
import io.pilu.model.ResearchVisit;

/** What {@link FilingRouter} and {@link VisitExploder} emit; the topology routes each kind to its branch. */
sealed interface Output {

    /** An arrival (or its withdrawal) on its way to its filing, keyed by filing id. */
    record Routed(FilingInput input) implements Output {}

    /** A visit for {@code pilu.research-visits}; null = tombstone. */
    record Visit(ResearchVisit visit) implements Output {}

    /** A change for one side's aggregation, keyed by that side's owner. */
    record Change(Side side, VisitChange change) implements Output {}

    /** An input record that could not be read. */
    record Failed(DeadLetter deadLetter) implements Output {}
}
