package io.pilu.ingest.crawl;

import io.pilu.model.Json;
import io.pilu.model.RawAnnouncement;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code --dry-run} destination: each raw record as one JSON line on stdout (logs go to stderr), state kept in
 * memory only. No Kafka needed.
 */
public final class JsonLinesPublisher implements AnnouncementPublisher {

    private final PrintStream out;
    private final Map<String, String> state = new ConcurrentHashMap<>();

    public JsonLinesPublisher(PrintStream out) {
        this.out = out;
    }

    @Override
    public Optional<String> readState(String key) {
        return Optional.ofNullable(state.get(key));
    }

    @Override
    public void publish(List<RawAnnouncement> records, String stateKey, Object newState) {
        for (RawAnnouncement r : records) {
            out.println(Json.write(r));
        }
        out.flush();
        state.put(stateKey, Json.write(newState));
    }

    @Override
    public boolean reachable() {
        return true;
    }

    @Override
    public void close() {
        out.flush();
    }
}
