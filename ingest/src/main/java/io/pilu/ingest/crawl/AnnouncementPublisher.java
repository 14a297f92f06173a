package io.pilu.ingest.crawl;

import io.pilu.model.RawAnnouncement;
import java.util.List;
import java.util.Optional;

/** Where a crawl's batches and state go: Kafka (transactional) or stdout for a dry run. */
public interface AnnouncementPublisher extends AutoCloseable {

    /** The committed state stored under {@code key} (JSON), if any. */
    Optional<String> readState(String key) throws PublishException;

    /**
     * Publishes {@code records} and the walk's new {@code state} atomically: either both are visible to
     * read_committed readers, or neither is.
     */
    void publish(List<RawAnnouncement> records, String stateKey, Object state) throws PublishException;

    /** Whether the destination answers right now (for /readyz). */
    boolean reachable();

    @Override
    void close();
}
