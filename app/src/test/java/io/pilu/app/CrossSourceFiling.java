package io.pilu.app;

import io.pilu.model.JsonSerde;
import io.pilu.model.RawAnnouncement;
import io.pilu.service.KafkaSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The 并行科技 IR record of 2024-06-17 as the two sources report it, as raw records: from bse.cn (a disclosureCode
 * id, the exchange's title with its {@code [临时公告]} label and company prefix, the bse.cn link) and from cninfo
 * ({@code column=bj}: id {@code cninfo-<announcementId>}, the bare title as cninfo writes it, the
 * static.cninfo.com.cn link, the Beijing date of {@code announcementTime}). Same company, date and text: one filing.
 * For tests that publish them (and, later, crawl-level tests that compare what the two simulators yield).
 */
public final class CrossSourceFiling {

    public static final String BSE_ID = "2c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f";
    public static final String CNINFO_ANNOUNCEMENT_ID = "1220283591";
    public static final String CNINFO_ID = "cninfo-" + CNINFO_ANNOUNCEMENT_ID;
    public static final String COMPANY_CODE = "839493";
    public static final LocalDate PUBLISHED = LocalDate.of(2024, 6, 17);

    private CrossSourceFiling() {}

    /** The text of the record (extracted from its PDF). */
    public static String text() {
        try (InputStream in =
                CrossSourceFiling.class.getResourceAsStream("/fixtures/bse-seed-bingxing-2024-06-17.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The record as crawled from bse.cn. */
    public static RawAnnouncement bse() {
        return new RawAnnouncement(
                RawAnnouncement.SCHEMA_VERSION,
                BSE_ID,
                "bse",
                "BSE",
                COMPANY_CODE,
                "并行科技",
                "[临时公告]并行科技:投资者关系活动记录表",
                List.of("9504", "9504-4417"),
                PUBLISHED,
                "https://www.bse.cn/disclosure/2024/2024-06-17/" + BSE_ID + ".pdf",
                "pdf",
                "d".repeat(64),
                187_402L,
                4,
                text(),
                RawAnnouncement.ExtractionStatus.OK,
                null,
                Instant.parse("2024-06-17T10:05:00Z"));
    }

    /** The record as crawled from cninfo. */
    public static RawAnnouncement cninfo() {
        return new RawAnnouncement(
                RawAnnouncement.SCHEMA_VERSION,
                CNINFO_ID,
                "cninfo",
                "BSE",
                COMPANY_CODE,
                "并行科技",
                "投资者关系活动记录表",
                List.of(),
                PUBLISHED,
                "http://static.cninfo.com.cn/finalpage/2024-06-17/" + CNINFO_ANNOUNCEMENT_ID + ".PDF",
                "pdf",
                "e".repeat(64),
                187_402L,
                4,
                text(),
                RawAnnouncement.ExtractionStatus.OK,
                null,
                Instant.parse("2024-06-17T12:30:00Z"));
    }

    /** Publishes {@code records} to {@code topic}, keyed by id, in order. */
    public static void publish(String bootstrapServers, String topic, RawAnnouncement... records) {
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrapServers)) {
            for (RawAnnouncement r : records) {
                producer.send(new ProducerRecord<>(
                                topic, key(r.id()), JsonSerde.raw().toBytes(r)))
                        .get();
            }
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes the tombstone of raw record {@code id} (its withdrawal) to {@code topic}. */
    public static void withdraw(String bootstrapServers, String topic, String id) {
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrapServers)) {
            producer.send(new ProducerRecord<>(topic, key(id), null)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] key(String id) {
        return id.getBytes(StandardCharsets.UTF_8);
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
        Properties p = KafkaSettings.producer(bootstrapServers, "cross-source-fixture");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }
}
