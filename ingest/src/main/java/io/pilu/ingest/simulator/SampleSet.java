package io.pilu.ingest.simulator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.pilu.ingest.listing.AnnouncementIds;
import io.pilu.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The bundled sample announcements ({@code io/pilu/ingest/samples/manifest.json} and its documents), which
 * {@link BseSimulator#withSamples()} serves so that the whole pipeline can run without network access.
 *
 * <p>The manifest is an object with an {@code announcements} array; each entry has {@code document} (a file name
 * beside the manifest), {@code shows} (what the sample demonstrates, for people) and {@code listing}: the record
 * exactly as bse.cn lists it ({@link SimulatedAnnouncement}'s fields). Unknown listing keys are an error rather than
 * ignored, so a misspelt field cannot silently turn into a missing one.
 */
public final class SampleSet {

    /** Classpath folder of the bundled set. */
    public static final String RESOURCE_DIR = "/io/pilu/ingest/samples/";

    public static final String MANIFEST = "manifest.json";

    private static final ObjectReader LISTING_READER = Json.mapper()
            .readerFor(SimulatedAnnouncement.class)
            .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * One sample announcement.
     *
     * @param document file name of its document beside the manifest
     * @param shows    what it demonstrates
     * @param listing  its listing record
     * @param content  the document's bytes, served at {@code listing.destFilePath()}
     */
    public record Sample(String document, String shows, SimulatedAnnouncement listing, byte[] content) {

        /** The id the crawler keys it by on the raw topic. */
        public String id() {
            return AnnouncementIds.of(listing.disclosureCode(), listing.destFilePath());
        }
    }

    private final List<Sample> samples;

    private SampleSet(List<Sample> samples) {
        this.samples = List.copyOf(samples);
    }

    /** The set bundled in this jar. */
    public static SampleSet bundled() {
        byte[] manifest = resource(MANIFEST);
        if (manifest == null) {
            throw new IllegalStateException("the sample manifest " + RESOURCE_DIR + MANIFEST + " is missing from the "
                    + "classpath; was pilu-ingest built without its resources?");
        }
        return parse(new String(manifest, StandardCharsets.UTF_8), SampleSet::resource);
    }

    /**
     * Reads a manifest and checks it is consistent: every document present, ids and paths unique, each path of the
     * contract's form {@code /disclosure/YYYY/YYYY-MM-DD/…} with the publish date, its extension the {@code fileExt}.
     *
     * @param documents the bytes of a document by file name, null when there is no such file
     * @throws IllegalArgumentException naming the entry and what is wrong with it
     */
    public static SampleSet parse(String manifestJson, Function<String, byte[]> documents) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(manifestJson);
        } catch (IOException e) {
            throw new IllegalArgumentException("sample manifest is not JSON: " + e.getMessage(), e);
        }
        JsonNode entries = root == null ? null : root.get("announcements");
        if (entries == null || !entries.isArray() || entries.isEmpty()) {
            throw new IllegalArgumentException("sample manifest needs a non-empty \"announcements\" array");
        }
        List<Sample> samples = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> paths = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            Sample sample = entry(entries.get(i), "announcements[" + i + "]", documents);
            String at = "announcements[" + i + "] (" + sample.document() + ")";
            if (!ids.add(sample.id())) {
                throw new IllegalArgumentException(at + ": duplicate id " + sample.id());
            }
            if (!paths.add(sample.listing().destFilePath())) {
                throw new IllegalArgumentException(
                        at + ": duplicate destFilePath " + sample.listing().destFilePath());
            }
            samples.add(sample);
        }
        return new SampleSet(samples);
    }

    private static Sample entry(JsonNode node, String at, Function<String, byte[]> documents) {
        String document = text(node, "document", at);
        String shows = text(node, "shows", at);
        JsonNode listingNode = node.get("listing");
        if (listingNode == null || !listingNode.isObject()) {
            throw new IllegalArgumentException(at + ": \"listing\" must be an object");
        }
        SimulatedAnnouncement listing;
        try {
            listing = LISTING_READER.readValue(listingNode);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(at + ".listing: " + e.getMessage(), e);
        }
        String expectedFolder = "/disclosure/" + listing.publishDate().getYear() + "/" + listing.publishDate() + "/";
        if (!listing.destFilePath().startsWith(expectedFolder)) {
            throw new IllegalArgumentException(at + ": destFilePath " + listing.destFilePath() + " is not below "
                    + expectedFolder + " (the publish date's folder)");
        }
        String pathExt = listing.destFilePath().substring(listing.destFilePath().lastIndexOf('.') + 1);
        if (listing.fileExt() == null
                || !listing.fileExt().toLowerCase(Locale.ROOT).equals(pathExt)) {
            throw new IllegalArgumentException(
                    at + ": fileExt " + listing.fileExt() + " does not match the path's ." + pathExt);
        }
        byte[] content = documents.apply(document);
        if (content == null) {
            throw new IllegalArgumentException(at + ": document " + document + " not found beside the manifest");
        }
        return new Sample(document, shows, listing, content);
    }

    private static String text(JsonNode node, String key, String at) {
        JsonNode v = node == null ? null : node.get(key);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(at + ": \"" + key + "\" must be a non-empty string");
        }
        return v.asText();
    }

    private static byte[] resource(String name) {
        try (InputStream in = SampleSet.class.getResourceAsStream(RESOURCE_DIR + name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sample resource " + name, e);
        }
    }

    public List<Sample> samples() {
        return samples;
    }

    /** The ids the crawler publishes the samples under. */
    public List<String> ids() {
        return samples.stream().map(Sample::id).toList();
    }

    /** The oldest publish date: a crawl must start at or before it ({@code --from}) to see every sample. */
    public LocalDate earliestPublishDate() {
        return samples.stream()
                .map(s -> s.listing().publishDate())
                .min(Comparator.naturalOrder())
                .orElseThrow();
    }

    public LocalDate latestPublishDate() {
        return samples.stream()
                .map(s -> s.listing().publishDate())
                .max(Comparator.naturalOrder())
                .orElseThrow();
    }
}
