package io.pilu.ingest.simulator.cninfo;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.pilu.ingest.simulator.SampleSet;
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
 * The bundled cninfo sample announcements ({@code io/pilu/ingest/samples/cninfo/manifest.json} and its documents),
 * which {@link CninfoSimulator#withSamples()} serves. The manifest is an object with an {@code announcements} array;
 * each entry has {@code document} (a file beside the manifest, or {@code ../NAME} for a document of the bse.cn set,
 * when the same filing is published on both sites), {@code shows} (what it demonstrates) and {@code announcement}
 * ({@link SimulatedCninfoAnnouncement}'s fields; unknown keys are an error).
 */
public final class CninfoSampleSet {

    public static final String RESOURCE_DIR = SampleSet.RESOURCE_DIR + "cninfo/";
    public static final String MANIFEST = "manifest.json";
    /** A document name of the bse.cn sample set, one folder up. */
    private static final String SHARED_PREFIX = "../";

    private static final ObjectReader READER = Json.mapper()
            .readerFor(SimulatedCninfoAnnouncement.class)
            .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** One sample: its document's bytes are served at {@code announcement.adjunctUrl()}. */
    public record Sample(String document, String shows, SimulatedCninfoAnnouncement announcement, byte[] content) {}

    private final List<Sample> samples;

    private CninfoSampleSet(List<Sample> samples) {
        this.samples = List.copyOf(samples);
    }

    /** The set bundled in this jar. */
    public static CninfoSampleSet bundled() {
        byte[] manifest = resource(RESOURCE_DIR + MANIFEST);
        if (manifest == null) {
            throw new IllegalStateException("the cninfo sample manifest " + RESOURCE_DIR + MANIFEST
                    + " is missing from the classpath; was pilu-ingest built without its resources?");
        }
        return parse(
                new String(manifest, StandardCharsets.UTF_8),
                name -> name.startsWith(SHARED_PREFIX)
                        ? resource(SampleSet.RESOURCE_DIR + name.substring(SHARED_PREFIX.length()))
                        : resource(RESOURCE_DIR + name));
    }

    /**
     * Reads a manifest and checks it: every document present, ids and paths unique, each {@code adjunctUrl} of the
     * contract's form {@code finalpage/<publish date>/<id>.<adjunctType>} (any case).
     *
     * @throws IllegalArgumentException naming the entry and what is wrong with it
     */
    public static CninfoSampleSet parse(String manifestJson, Function<String, byte[]> documents) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(manifestJson);
        } catch (IOException e) {
            throw new IllegalArgumentException("cninfo sample manifest is not JSON: " + e.getMessage(), e);
        }
        JsonNode entries = root == null ? null : root.get("announcements");
        if (entries == null || !entries.isArray() || entries.isEmpty()) {
            throw new IllegalArgumentException("cninfo sample manifest needs a non-empty \"announcements\" array");
        }
        List<Sample> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> paths = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            String at = "announcements[" + i + "]";
            JsonNode entry = entries.get(i);
            String document = text(entry, "document", at);
            String shows = text(entry, "shows", at);
            JsonNode node = entry.get("announcement");
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException(at + ": \"announcement\" must be an object");
            }
            SimulatedCninfoAnnouncement a;
            try {
                a = READER.readValue(node);
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException(at + ".announcement: " + e.getMessage(), e);
            }
            at = at + " (" + document + ")";
            if (!a.announcementId().matches("[0-9]{6,19}")) {
                throw new IllegalArgumentException(at + ": announcementId must be numeric");
            }
            String type = a.adjunctType() == null ? "" : a.adjunctType().toLowerCase(Locale.ROOT);
            String expected = "finalpage/" + a.publishDate() + "/" + a.announcementId() + "." + type;
            // cninfo writes .PDF in upper case and .html in lower case: the extension's case is not checked
            if (!a.adjunctUrl().toLowerCase(Locale.ROOT).equals(expected)) {
                throw new IllegalArgumentException(
                        at + ": adjunctUrl " + a.adjunctUrl() + " is not " + expected + " (publish date, id, type)");
            }
            if (!ids.add(a.announcementId())) {
                throw new IllegalArgumentException(at + ": duplicate announcementId " + a.announcementId());
            }
            if (!paths.add(a.adjunctUrl())) {
                throw new IllegalArgumentException(at + ": duplicate adjunctUrl " + a.adjunctUrl());
            }
            byte[] content = documents.apply(document);
            if (content == null) {
                throw new IllegalArgumentException(at + ": document " + document + " not found");
            }
            out.add(new Sample(document, shows, a, content));
        }
        return new CninfoSampleSet(out);
    }

    private static String text(JsonNode node, String key, String at) {
        JsonNode v = node == null ? null : node.get(key);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(at + ": \"" + key + "\" must be a non-empty string");
        }
        return v.asText();
    }

    private static byte[] resource(String path) {
        try (InputStream in = CninfoSampleSet.class.getResourceAsStream(path)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sample resource " + path, e);
        }
    }

    public List<Sample> samples() {
        return samples;
    }

    /** The oldest publish date: a crawl must start at or before it to see every sample. */
    public LocalDate earliestPublishDate() {
        return samples.stream()
                .map(s -> s.announcement().publishDate())
                .min(Comparator.naturalOrder())
                .orElseThrow();
    }

    public LocalDate latestPublishDate() {
        return samples.stream()
                .map(s -> s.announcement().publishDate())
                .max(Comparator.naturalOrder())
                .orElseThrow();
    }
}
