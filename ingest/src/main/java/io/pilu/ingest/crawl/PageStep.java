package io.pilu.ingest.crawl;

import io.pilu.ingest.listing.Disclosure;
import java.util.List;

/**
 * The decision for one listing page.
 *
 * @param publish announcements to fetch and publish, in listing order
 * @param done    whether the pass ends after this page
 * @param state   the walk's state once this page is published (written in the same transaction)
 * @param reason  why the pass ends (or continues), for the log
 */
public record PageStep(List<Disclosure> publish, boolean done, Object state, String reason) {

    public PageStep {
        publish = List.copyOf(publish);
    }
}
