package io.pilu.enrich.extract;

import io.pilu.model.RawAnnouncement;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Test fixtures under src/test/resources/fixtures and raw announcements built around them. */
final class Fixtures {

    static final String SEED = "bse-seed-bingxing-2024-06-17.txt";
    static final Instant ENRICHED_AT = Instant.parse("2024-06-18T08:00:05Z");

    private Fixtures() {}

    static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RawAnnouncement raw(String title, String text, LocalDate publishDate) {
        return new RawAnnouncement(
                RawAnnouncement.SCHEMA_VERSION,
                "id-" + Math.abs((title + text).hashCode()),
                "bse",
                "BSE",
                "839493",
                "并行科技",
                title,
                List.of("9504"),
                publishDate,
                "https://www.bse.cn/disclosure/2024/2024-06-18/8a2c7f1e0b3d4c5e9f6a7b8c9d0e1f2a.pdf",
                "pdf",
                "a".repeat(64),
                123_456L,
                4,
                text,
                RawAnnouncement.ExtractionStatus.OK,
                null,
                Instant.parse("2024-06-18T08:00:00Z"));
    }

    static RawAnnouncement seedRaw() {
        return raw("[临时公告]并行科技:投资者关系活动记录表", text(SEED), LocalDate.of(2024, 6, 18));
    }

    static RawAnnouncement failed(String title, RawAnnouncement.ExtractionStatus status) {
        return new RawAnnouncement(
                RawAnnouncement.SCHEMA_VERSION,
                "f".repeat(64),
                "bse",
                "BSE",
                "920007",
                "某公司",
                title,
                List.of(),
                LocalDate.of(2024, 4, 1),
                "https://www.bse.cn/disclosure/2024/2024-04-01/1.pdf",
                "pdf",
                null,
                null,
                null,
                null,
                status,
                "PDF is encrypted",
                Instant.parse("2024-04-01T08:00:00Z"));
    }
}
