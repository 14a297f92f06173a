package io.pilu.sink.es;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilu.model.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Writes the NDJSON body of a {@code _bulk} request. Pure. The index is in the URL, not in each action line. */
public final class BulkRequestBody {

    private static final ObjectMapper MAPPER = Json.mapper();

    /** ES re-runs an update script this often when another writer changed the document meanwhile. */
    static final int UPDATE_RETRIES_ON_CONFLICT = 5;

    private BulkRequestBody() {}

    public static byte[] of(List<? extends BulkAction> actions) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(
                Integer.MAX_VALUE - 8,
                actions.stream().mapToLong(BulkAction::estimatedBytes).sum()));
        try {
            for (BulkAction a : actions) {
                ObjectNode line = MAPPER.createObjectNode();
                if (a instanceof BulkAction.Index i) {
                    ObjectNode meta = line.putObject("index");
                    meta.put("_id", i.id());
                    meta.put("version", i.version());
                    meta.put("version_type", "external_gte");
                    out.write(MAPPER.writeValueAsBytes(line));
                    out.write('\n');
                    out.write(i.source());
                    out.write('\n');
                } else if (a instanceof BulkAction.Update u) {
                    ObjectNode meta = line.putObject("update");
                    meta.put("_id", u.id());
                    meta.put("retry_on_conflict", UPDATE_RETRIES_ON_CONFLICT);
                    out.write(MAPPER.writeValueAsBytes(line));
                    out.write('\n');
                    out.write(u.body());
                    out.write('\n');
                } else if (a instanceof BulkAction.Withdraw w) {
                    throw new IllegalStateException("withdrawal of " + w.id() + " was not resolved before sending");
                } else {
                    // No version on a delete: a tombstone removes the document whatever enrichment produced it.
                    line.putObject("delete").put("_id", a.id());
                    out.write(MAPPER.writeValueAsBytes(line));
                    out.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
