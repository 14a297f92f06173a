package io.pilu.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilu.model.FilingIdentity;
import io.pilu.model.Json;
import io.pilu.sink.es.BulkAction;
import io.pilu.sink.es.EsRetryableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Merges the arrivals of one filing (the same filing reported by bse.cn and by cninfo, {@link FilingIdentity}) into
 * one Elasticsearch document, {@code _id} = filing id, without scripts (the node Pilu runs for development and tests
 * has no painless): read, decide here, write conditionally.
 *
 * <p>An arrival is first sent as the {@code create} of a new document, without reading anything: nearly every filing
 * arrives once, from one source, so that is what it almost always is. Where that conflicts (a 409: the filing is
 * already there, from the other source, an earlier enrichment or a replay), and for every withdrawal, the sink reads
 * the stored state of the documents (one realtime {@code _mget}, source filtered to {@code id} and {@code arrivals})
 * and turns each {@link BulkAction.Arrival} and {@link BulkAction.Withdraw} into a write conditional on that state
 * ({@code if_seq_no}/{@code if_primary_term}, or {@code create} for a new document). A 409 then means another sink
 * instance wrote the document meanwhile: the action is resolved again from the new state. The rules, the same as the
 * analytics':
 *
 * <ul>
 *   <li>the document lists every arrival under {@code arrivals} (raw id, source, title, link, hash, enrichment
 *       version) and their sources under {@code sources};</li>
 *   <li>its content is that of the primary arrival: the highest enrichment version, then the preferred source
 *       ({@link FilingIdentity#SOURCE_PREFERENCE}), then the smaller raw id — so the outcome does not depend on the
 *       order the arrivals come in; an arrival that is not primary only adds itself to {@code arrivals};</li>
 *   <li>an older enrichment of an arrival already stored is skipped (stale); a replay rewrites the same document;</li>
 *   <li>a withdrawal (tombstone, keyed by raw id) removes its arrival; the document goes with its last arrival. When
 *       the withdrawn arrival was the one shown, the id, source, title, link and hash of the best remaining arrival
 *       take its place; text and what enrich read stay (the same filing's) until that arrival is delivered again.</li>
 * </ul>
 *
 * Pure apart from {@link Store}.
 */
public final class FilingMerger {

    /** The document fields the merge reads: the shown arrival's id and the arrivals. */
    public static final List<String> STATE_FIELDS = List.of("id", "arrivals");

    /** What the merge reads from Elasticsearch. */
    public interface Store {
        /** The stored state of each existing document of {@code ids} (realtime: sees every acknowledged write). */
        Map<String, Stored> get(String index, Collection<String> ids) throws EsRetryableException;

        /** The id of the document holding each arrival (raw id) of {@code arrivalIds}; absent when none does. */
        Map<String, String> filingsOf(String index, Collection<String> arrivalIds) throws EsRetryableException;
    }

    /** For a sink whose documents are not merged (the research visits): it never sees an arrival or withdrawal. */
    public static final Store NONE = new Store() {
        @Override
        public Map<String, Stored> get(String index, Collection<String> ids) {
            throw new IllegalStateException("index " + index + " does not merge filings");
        }

        @Override
        public Map<String, String> filingsOf(String index, Collection<String> arrivalIds) {
            throw new IllegalStateException("index " + index + " does not merge filings");
        }
    };

    /** A stored document's state: its sequence number and primary term, the shown arrival's id, its arrivals. */
    public record Stored(long seqNo, long primaryTerm, String shownId, List<JsonNode> arrivals) {
        public Stored {
            arrivals = arrivals == null ? List.of() : List.copyOf(arrivals);
        }
    }

    private static final Comparator<JsonNode> PRIMARY_FIRST = Comparator.<JsonNode>comparingInt(
                    a -> -a.path("enrichmentVersion").asInt())
            .thenComparingInt(a -> FilingIdentity.sourceRank(a.path("source").asText(null)))
            .thenComparing(a -> a.path("id").asText());

    private static final List<String> SHOWN_FIELDS = List.of("title", "documentUrl", "documentSha256");

    private final ObjectMapper mapper = Json.mapper();
    private final Store store;

    public FilingMerger(Store store) {
        this.store = store;
    }

    /**
     * The actions to send for {@code actions}, one for one: arrivals and withdrawals resolved against the stored
     * documents, every other action unchanged.
     */
    public List<BulkAction> resolve(String index, List<BulkAction> actions) throws EsRetryableException {
        return resolve(index, actions, true);
    }

    /**
     * As {@link #resolve(String, List)}; with {@code readArrivals} false, arrivals are resolved as the first of their
     * filing (a {@code create}, which fails with a 409 where the document exists) without reading the store for them.
     */
    public List<BulkAction> resolve(String index, List<BulkAction> actions, boolean readArrivals)
            throws EsRetryableException {
        if (actions.stream().noneMatch(FilingMerger::merges)) {
            return actions;
        }
        List<String> withdrawn = actions.stream()
                .filter(a -> a instanceof BulkAction.Withdraw)
                .map(BulkAction::id)
                .distinct()
                .toList();
        Map<String, String> filings = withdrawn.isEmpty() ? Map.of() : store.filingsOf(index, withdrawn);
        Set<String> ids = new LinkedHashSet<>();
        for (BulkAction a : actions) {
            if (a instanceof BulkAction.Arrival arrival) {
                if (readArrivals) {
                    ids.add(arrival.id());
                }
            } else if (a instanceof BulkAction.Withdraw w && filings.containsKey(w.id())) {
                ids.add(filings.get(w.id()));
            }
        }
        Map<String, Stored> stored = ids.isEmpty() ? Map.of() : store.get(index, ids);
        List<BulkAction> out = new ArrayList<>(actions.size());
        for (BulkAction a : actions) {
            if (a instanceof BulkAction.Arrival arrival) {
                out.add(arrive(arrival, stored.get(arrival.id())));
            } else if (a instanceof BulkAction.Withdraw w) {
                String filing = filings.get(w.id());
                out.add(filing == null ? new BulkAction.Delete(w.id()) : withdraw(w.id(), filing, stored.get(filing)));
            } else {
                out.add(a);
            }
        }
        return out;
    }

    static boolean merges(BulkAction a) {
        return a instanceof BulkAction.Arrival || a instanceof BulkAction.Withdraw;
    }

    /** {@code arrival} merged into the document as {@code stored} (null: there is none). */
    BulkAction arrive(BulkAction.Arrival arrival, Stored stored) {
        if (stored == null) {
            return created(arrival);
        }
        List<JsonNode> kept = new ArrayList<>();
        if (stored != null) {
            for (JsonNode a : stored.arrivals()) {
                if (arrival.arrivalId().equals(a.path("id").asText())) {
                    if (a.path("enrichmentVersion").asInt() > arrival.version()) {
                        return new BulkAction.Skip(arrival.id()); // an older enrichment never replaces a newer one
                    }
                } else {
                    kept.add(a);
                }
            }
        }
        JsonNode incoming = read(arrival.arrival());
        kept.add(incoming);
        kept.sort(Comparator.comparing(a -> a.path("id").asText()));
        JsonNode primary = kept.stream().min(PRIMARY_FIRST).orElseThrow();
        if (primary == incoming) {
            ObjectNode doc = (ObjectNode) read(arrival.document());
            putArrivals(doc, kept);
            byte[] body = bytes(doc);
            return stored == null
                    ? new BulkAction.Conditional(BulkAction.Conditional.Op.CREATE, arrival.id(), -1, -1, body)
                    : new BulkAction.Conditional(
                            BulkAction.Conditional.Op.INDEX, arrival.id(), stored.seqNo(), stored.primaryTerm(), body);
        }
        ObjectNode partial = mapper.createObjectNode();
        putArrivals(partial, kept);
        return new BulkAction.Conditional(
                BulkAction.Conditional.Op.UPDATE, arrival.id(), stored.seqNo(), stored.primaryTerm(), bytes(partial));
    }

    /**
     * The create of a new document with {@code arrival} as its only arrival: the converter's document with
     * {@code arrivals} and {@code sources} appended, spliced as bytes (the same JSON a tree would give, without reading
     * and writing the whole text again: the common case, so its cost is the sink's).
     */
    private BulkAction created(BulkAction.Arrival arrival) {
        byte[] doc = arrival.document();
        int end = doc.length - 1;
        while (end >= 0 && Character.isWhitespace(doc[end])) {
            end--;
        }
        int open = 0;
        while (open < doc.length && Character.isWhitespace(doc[open])) {
            open++;
        }
        if (end <= open || doc[end] != '}' || doc[open] != '{') {
            throw new IllegalArgumentException("document of " + arrival.id() + " is not a JSON object");
        }
        boolean empty = true;
        for (int i = open + 1; i < end; i++) {
            if (!Character.isWhitespace(doc[i])) {
                empty = false;
                break;
            }
        }
        java.io.ByteArrayOutputStream out =
                new java.io.ByteArrayOutputStream(doc.length + arrival.arrival().length + 64);
        out.write(doc, 0, end);
        out.writeBytes((empty ? "" : ",").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.writeBytes("\"arrivals\":[".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.writeBytes(arrival.arrival());
        out.writeBytes("],\"sources\":[".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (arrival.source() != null) {
            out.writeBytes(bytes(mapper.getNodeFactory().textNode(arrival.source())));
        }
        out.writeBytes("]}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new BulkAction.Conditional(BulkAction.Conditional.Op.CREATE, arrival.id(), -1, -1, out.toByteArray());
    }

    /** The withdrawal of arrival {@code rawId} from document {@code filing} as {@code stored} (null: gone since). */
    BulkAction withdraw(String rawId, String filing, Stored stored) {
        if (stored == null) {
            return new BulkAction.Delete(rawId);
        }
        List<JsonNode> kept = new ArrayList<>();
        for (JsonNode a : stored.arrivals()) {
            if (!rawId.equals(a.path("id").asText())) {
                kept.add(a);
            }
        }
        if (kept.size() == stored.arrivals().size()) {
            return new BulkAction.Skip(filing); // no longer there: nothing to withdraw
        }
        if (kept.isEmpty()) {
            return new BulkAction.Conditional(
                    BulkAction.Conditional.Op.DELETE, filing, stored.seqNo(), stored.primaryTerm(), new byte[0]);
        }
        ObjectNode partial = mapper.createObjectNode();
        putArrivals(partial, kept);
        if (rawId.equals(stored.shownId())) {
            JsonNode best = kept.stream().min(PRIMARY_FIRST).orElseThrow();
            partial.put("id", best.path("id").asText());
            partial.put("source", best.path("source").asText(null));
            for (String f : SHOWN_FIELDS) {
                partial.set(f, best.hasNonNull(f) ? best.get(f) : mapper.nullNode());
            }
        }
        return new BulkAction.Conditional(
                BulkAction.Conditional.Op.UPDATE, filing, stored.seqNo(), stored.primaryTerm(), bytes(partial));
    }

    private void putArrivals(ObjectNode doc, List<JsonNode> arrivals) {
        ArrayNode list = doc.putArray("arrivals");
        Set<String> sources = new TreeSet<>();
        for (JsonNode a : arrivals) {
            list.add(a);
            if (a.hasNonNull("source")) {
                sources.add(a.get("source").asText());
            }
        }
        ArrayNode s = doc.putArray("sources");
        sources.forEach(s::add);
    }

    private JsonNode read(byte[] json) {
        try {
            return Objects.requireNonNull(mapper.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] bytes(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
