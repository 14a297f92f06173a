package io.pilu.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One announcement as the crawler found it: listing metadata, the document's fingerprint and its extracted
 * text. Published to {@link Topics#RAW} keyed by {@link #id()}.
 *
 * <p>A document that could not be fetched or read still produces a record, with {@link #extraction()} set to
 * {@link ExtractionStatus#FAILED} and the reason in {@link #extractionError()}: nothing is dropped silently.
 *
 * @param schemaVersion       version of this record's shape, see {@link #SCHEMA_VERSION}
 * @param id                  stable id, unique across sources: for {@code bse} the exchange's {@code disclosureCode},
 *                            else a hash of {@code destFilePath} (unchanged since version 1); other sources prefix
 *                            their own id with the source name, e.g. {@code cninfo-1218213960}
 * @param source              the site the crawler read it from: {@code bse} (bse.cn) or {@code cninfo}
 *                            (cninfo.com.cn); a version 1 record has none and is read as {@code bse}, the only
 *                            source there was
 * @param exchange            the exchange the company is listed on: {@code BSE}, {@code SZSE} or {@code SSE}
 * @param companyCode         six-digit security code, e.g. {@code 920007}
 * @param companyName         short company name as listed
 * @param title               the listing's {@code disclosureTitle}
 * @param typeCodes           the exchange's type codes, e.g. {@code 9504}, {@code 9504-4417} (may be empty)
 * @param publishDate         the listing's publish date
 * @param documentUrl         absolute URL of the document
 * @param fileType            lower-case file extension: {@code pdf}, {@code html}, {@code docx} …
 * @param documentSha256      hex sha-256 of the downloaded bytes, null when the download failed
 * @param documentBytes       size of the downloaded document, null when the download failed
 * @param pageCount           pages of a PDF, null otherwise
 * @param text                extracted text, null when extraction failed
 * @param extraction          outcome of download + text extraction
 * @param extractionError     the reason when {@code extraction} is not {@code OK}
 * @param fetchedAt           when the crawler downloaded the document
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RawAnnouncement(
        int schemaVersion,
        String id,
        String source,
        String exchange,
        String companyCode,
        String companyName,
        String title,
        List<String> typeCodes,
        LocalDate publishDate,
        String documentUrl,
        String fileType,
        String documentSha256,
        Long documentBytes,
        Integer pageCount,
        String text,
        ExtractionStatus extraction,
        String extractionError,
        Instant fetchedAt) {

    /** Version 2 added {@code source}. */
    public static final int SCHEMA_VERSION = 2;

    /** The source of every version 1 record. */
    public static final String LEGACY_SOURCE = "bse";

    public RawAnnouncement {
        Objects.requireNonNull(id, "id");
        if (source == null && schemaVersion < 2) {
            source = LEGACY_SOURCE;
        }
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(extraction, "extraction");
        typeCodes = typeCodes == null ? List.of() : List.copyOf(typeCodes);
    }

    /** Outcome of fetching a document and extracting its text. */
    public enum ExtractionStatus {
        /** Text extracted. */
        OK,
        /** Download or extraction failed; see {@code extractionError}. */
        FAILED,
        /** Not attempted (e.g. a file type Pilu does not read); see {@code extractionError}. */
        SKIPPED
    }
}
