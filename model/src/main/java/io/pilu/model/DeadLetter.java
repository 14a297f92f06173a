package io.pilu.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * A record a stage could not handle, with why, and the original bytes so it can be replayed. Published to
 * the stage's dead-letter topic ({@link Topics#DLQ_ENRICH}, {@link Topics#DLQ_SINK}, …).
 *
 * @param schemaVersion version of this record's shape
 * @param stage         the stage that gave up: {@code crawl}, {@code enrich}, {@code sink}
 * @param sourceTopic   where the original record was read, null when it did not come from a topic
 * @param partition     its partition, or null
 * @param offset        its offset, or null
 * @param key           the original key, see {@code encoding}
 * @param value         the original value, see {@code encoding}
 * @param encoding      {@code utf8} when key and value are valid UTF-8 text, else {@code base64}
 * @param errorClass    the exception class (or a stage-specific error type such as an ES error type)
 * @param errorMessage  the reason
 * @param failedAt      when it failed
 * @param valueTruncated true when {@code value} was shortened to fit the topic (the record itself was too large);
 *                       null otherwise
 * @param originalValueBytes the original value's size in bytes, when {@code value} was shortened
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetter(
        int schemaVersion,
        String stage,
        String sourceTopic,
        Integer partition,
        Long offset,
        String key,
        String value,
        String encoding,
        String errorClass,
        String errorMessage,
        Instant failedAt,
        Boolean valueTruncated,
        Long originalValueBytes) {

    public static final int SCHEMA_VERSION = 1;
    public static final String UTF8 = "utf8";
    public static final String BASE64 = "base64";

    public DeadLetter {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(errorClass, "errorClass");
        Objects.requireNonNull(encoding, "encoding");
    }

    /**
     * Builds a dead letter from raw bytes: kept as text when both key and value are valid UTF-8 (the usual case,
     * readable in any console consumer), else both base64 so no byte is lost.
     */
    public static DeadLetter of(
            String stage,
            String sourceTopic,
            Integer partition,
            Long offset,
            byte[] key,
            byte[] value,
            String errorClass,
            String errorMessage,
            Instant failedAt) {
        boolean text = isUtf8(key) && isUtf8(value);
        return new DeadLetter(
                SCHEMA_VERSION,
                stage,
                sourceTopic,
                partition,
                offset,
                encode(key, text),
                encode(value, text),
                text ? UTF8 : BASE64,
                errorClass,
                errorMessage == null ? "" : errorMessage,
                failedAt,
                null,
                null);
    }

    /**
     * This dead letter with its value cut to at most {@code maxValueChars} characters (never inside a surrogate
     * pair), {@link #valueTruncated()} set and the original size kept: what goes to a dead-letter topic when the
     * record was too large to be produced, so the reason and the coordinates survive even when the payload cannot.
     */
    public DeadLetter shortened(int maxValueChars) {
        if (value == null || value.length() <= maxValueChars) {
            return this;
        }
        int end = maxValueChars;
        if (end > 0 && Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        long originalBytes = BASE64.equals(encoding)
                ? Base64.getDecoder().decode(value).length
                : value.getBytes(StandardCharsets.UTF_8).length;
        String shortKey = key != null && key.length() > maxValueChars ? key.substring(0, maxValueChars) : key;
        return new DeadLetter(
                schemaVersion,
                stage,
                sourceTopic,
                partition,
                offset,
                shortKey,
                value.substring(0, end),
                encoding,
                errorClass,
                errorMessage,
                failedAt,
                true,
                originalBytes);
    }

    /** Convenience for an exception. */
    public static DeadLetter of(
            String stage,
            String sourceTopic,
            Integer partition,
            Long offset,
            byte[] key,
            byte[] value,
            Throwable error,
            Instant failedAt) {
        return of(
                stage,
                sourceTopic,
                partition,
                offset,
                key,
                value,
                error.getClass().getName(),
                describe(error),
                failedAt);
    }

    /** The original value's bytes, decoded per {@link #encoding()}. */
    public byte[] valueBytes() {
        return decode(value);
    }

    /** The original key's bytes, decoded per {@link #encoding()}. */
    public byte[] keyBytes() {
        return decode(key);
    }

    private byte[] decode(String s) {
        if (s == null) {
            return null;
        }
        return BASE64.equals(encoding) ? Base64.getDecoder().decode(s) : s.getBytes(StandardCharsets.UTF_8);
    }

    /** The message chain of an exception, so a wrapped root cause is not hidden behind a generic wrapper. */
    public static String describe(Throwable error) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = error; t != null && sb.length() < 2000; t = t.getCause()) {
            if (!sb.isEmpty()) {
                sb.append(" <- ");
            }
            sb.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
            if (t.getCause() == t) {
                break;
            }
        }
        return sb.toString();
    }

    private static String encode(byte[] bytes, boolean text) {
        if (bytes == null) {
            return null;
        }
        return text
                ? new String(bytes, StandardCharsets.UTF_8)
                : Base64.getEncoder().encodeToString(bytes);
    }

    private static boolean isUtf8(byte[] bytes) {
        if (bytes == null) {
            return true;
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
