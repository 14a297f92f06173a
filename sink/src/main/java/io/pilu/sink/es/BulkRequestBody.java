package io.pilu.sink.es;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilu.model.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** Writes the NDJSON body of a {@code _bulk} request. Pure. The index is in the URL, not in each action line. */
public final class BulkRequestBody {

    private static final ObjectMapper MAPPER = Json.mapper();

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
                } else if (a instanceof BulkAction.Conditional c) {
                    ObjectNode meta = line.putObject(c.op().name().toLowerCase(Locale.ROOT));
                    meta.put("_id", c.id());
                    if (c.op() != BulkAction.Conditional.Op.CREATE) {
                        meta.put("if_seq_no", c.ifSeqNo());
                        meta.put("if_primary_term", c.ifPrimaryTerm());
                    }
                    out.write(MAPPER.writeValueAsBytes(line));
                    out.write('\n');
                    if (c.op() == BulkAction.Conditional.Op.UPDATE) {
                        out.write("{\"doc\":".getBytes(StandardCharsets.UTF_8));
                        out.write(c.body());
                        out.write('}');
                        out.write('\n');
                    } else if (c.op() != BulkAction.Conditional.Op.DELETE) {
                        out.write(c.body());
                        out.write('\n');
                    }
                } else if (a instanceof BulkAction.Arrival || a instanceof BulkAction.Withdraw) {
                    throw new IllegalStateException(a + " was not resolved before sending");
                } else if (a instanceof BulkAction.Skip) {
                    throw new IllegalStateException("a skipped action is not sent: " + a.id());
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
