package io.pilu.ingest.listing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Derives the stable announcement id that keys the raw topic. */
public final class AnnouncementIds {

    private AnnouncementIds() {}

    /**
     * The exchange's {@code disclosureCode} when it gives one (trimmed); otherwise the hex sha-256 of
     * {@code destFilePath}, which is unique per document and does not change between listings.
     */
    public static String of(String disclosureCode, String destFilePath) {
        if (disclosureCode != null && !disclosureCode.isBlank()) {
            return disclosureCode.strip();
        }
        if (destFilePath == null || destFilePath.isBlank()) {
            throw new IllegalArgumentException("an announcement needs a disclosureCode or a destFilePath for its id");
        }
        return sha256Hex(destFilePath.strip());
    }

    static String sha256Hex(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
