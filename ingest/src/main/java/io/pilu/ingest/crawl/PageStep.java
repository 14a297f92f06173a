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
 * @param refused rows of the page refused outright (dated in the future), counted and logged by the crawler
 */
public record PageStep(List<Disclosure> publish, boolean done, Object state, String reason, List<Disclosure> refused) {

    public PageStep {
        publish = List.copyOf(publish);
        refused = refused == null ? List.of() : List.copyOf(refused);
    }

    public PageStep(List<Disclosure> publish, boolean done, Object state, String reason) {
        this(publish, done, state, reason, List.of());
    }
}
