package io.pilu.analytics.topology;

import io.pilu.model.EntityType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.apache.kafka.common.utils.Bytes;

/**
 * The day-first index of one side ({@link Side#daysStore()}): key {@code day|owner|counterpart} as UTF-8 bytes,
 * value the visits on that day (4 bytes) and, on the institution side, the institution's type (1 byte). Windowed
 * rankings read it as one range scan and parse keys as bytes: no per-owner seek, no JSON, no string decoding but for
 * the rows that make the top.
 */
public final class DayIndex {

    static final byte SEPARATOR = '|';
    /** Length of {@code YYYY-MM-DD|}. */
    public static final int DAY_PREFIX = 11;

    private DayIndex() {}

    public static Bytes key(LocalDate day, String owner, String counterpart) {
        return Bytes.wrap((day + "|" + owner + "|" + counterpart).getBytes(StandardCharsets.UTF_8));
    }

    /** Lower bound of the keys of days on or after {@code from}. */
    public static Bytes from(LocalDate from) {
        return Bytes.wrap(from.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Upper bound of the keys of days on or before {@code to} (no key equals it; every such key is below). */
    public static Bytes through(LocalDate to) {
        return Bytes.wrap(to.plusDays(1).toString().getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] value(int visits, EntityType type) {
        return ByteBuffer.allocate(5)
                .putInt(visits)
                .put((byte) (type == null ? -1 : type.ordinal()))
                .array();
    }

    public static int visits(byte[] value) {
        return ByteBuffer.wrap(value).getInt(0);
    }

    /** The type in {@code value}, or null. */
    public static EntityType type(byte[] value) {
        int ordinal = value[4];
        return ordinal < 0 ? null : EntityType.values()[ordinal];
    }

    /** Index in {@code key} of the separator after the owner. */
    public static int ownerEnd(byte[] key) {
        for (int i = DAY_PREFIX; i < key.length; i++) {
            if (key[i] == SEPARATOR) {
                return i;
            }
        }
        throw new IllegalStateException("not a day-index key: " + new String(key, StandardCharsets.UTF_8));
    }
}
