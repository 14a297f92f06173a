package io.pilu.ingest.crawl;

import io.pilu.ingest.CrawlMetrics;
import io.pilu.ingest.cninfo.CninfoClient;
import io.pilu.ingest.cninfo.CninfoClientConfig;
import io.pilu.ingest.cninfo.CninfoQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * cninfo.com.cn as a crawl source ({@code --source cninfo}).
 *
 * @param client       the client: base and document URLs, politeness, caps
 * @param columns      {@code szse}, {@code sse}, {@code bj}: each its own lane
 * @param tabs         {@code fulltext}, {@code relation}: each its own lane, rows de-duplicated across them
 * @param categories   category codes; a tab gets those of its kind ({@code _szdy} codes: relation, others:
 *                     fulltext), and a tab left with none is not queried; empty = all
 * @param companyCodes six-digit codes, turned into orgIds through the stock list; empty = all
 * @param keyword      the query's {@code searchkey}, and titles must contain it; null = none
 * @param fullRelistInterval how long passes may skip parts that show no change before one lists everything again
 *                     ({@link CninfoWalk}); zero: every pass lists everything
 */
public record CninfoCrawlSource(
        CninfoClientConfig client,
        List<String> columns,
        List<String> tabs,
        List<String> categories,
        Set<String> companyCodes,
        String keyword,
        Duration fullRelistInterval)
        implements CrawlSource<CninfoQuery> {

    /** {@code --full-relist-interval}'s default. */
    public static final Duration DEFAULT_FULL_RELIST_INTERVAL = Duration.ofHours(1);

    /** cninfo's tab for the 调研 records: its category codes end so. */
    static final String RELATION_SUFFIX = "_szdy";

    public CninfoCrawlSource {
        Objects.requireNonNull(client, "client");
        columns = List.copyOf(columns);
        tabs = List.copyOf(tabs);
        categories = categories == null ? List.of() : List.copyOf(categories);
        companyCodes = companyCodes == null ? Set.of() : Set.copyOf(companyCodes);
        keyword = keyword == null || keyword.isBlank() ? null : keyword.strip();
        fullRelistInterval = fullRelistInterval == null ? DEFAULT_FULL_RELIST_INTERVAL : fullRelistInterval;
        if (fullRelistInterval.isNegative()) {
            throw new IllegalArgumentException("full re-list interval must not be negative: " + fullRelistInterval);
        }
        if (columns.isEmpty() || !CninfoQuery.COLUMNS.containsAll(columns)) {
            throw new IllegalArgumentException("cninfo columns must be some of szse, sse, bj, not " + columns);
        }
        if (tabs.isEmpty() || !CninfoQuery.TABS.containsAll(tabs)) {
            throw new IllegalArgumentException("cninfo tabs must be some of fulltext, relation, not " + tabs);
        }
        List<String> cats = categories;
        if (!cats.isEmpty()
                && List.copyOf(tabs).stream()
                        .noneMatch(t -> cats.stream()
                                .anyMatch(c -> c.endsWith(RELATION_SUFFIX) == CninfoQuery.RELATION.equals(t)))) {
            throw new IllegalArgumentException("no category of " + categories + " belongs to the tabs " + tabs
                    + " (codes ending _szdy are the relation tab's, the others the fulltext tab's)");
        }
        for (String code : companyCodes) {
            if (!code.matches("[0-9]{6}")) {
                throw new IllegalArgumentException("company code must be six digits, not '" + code + "'");
            }
        }
    }

    @Override
    public String name() {
        return CrawlMetrics.CNINFO;
    }

    @Override
    public Opened<CninfoQuery> open(CrawlMetrics metrics) {
        CninfoClient c = new CninfoClient(client, CninfoSource.listener(metrics));
        CninfoSource source = new CninfoSource(c, metrics, companyCodes);
        return new Opened<>(source, source, c);
    }

    /** The categories to send on {@code tab} ({@code ;}-joined, empty for all), or null when it is not queried. */
    String categoriesFor(String tab) {
        if (categories.isEmpty()) {
            return "";
        }
        boolean relation = CninfoQuery.RELATION.equals(tab);
        List<String> mine = categories.stream()
                .filter(c -> c.endsWith(RELATION_SUFFIX) == relation)
                .toList();
        return mine.isEmpty() ? null : String.join(";", mine);
    }

    /** The query every part narrows (keyword; the company filter is added per request by {@link CninfoSource}). */
    CninfoQuery template() {
        return new CninfoQuery(columns.get(0), tabs.get(0), "", "", keyword == null ? "" : keyword, "", null, null);
    }

    @Override
    public Walk<CninfoQuery> incremental(
            CrawlCheckpoint committed, LocalDate from, LocalDate to, int retainDays, int seenIdsMax, Clock clock) {
        return new CninfoWalk(this, committed, from, to, retainDays, seenIdsMax, clock);
    }

    @Override
    public Walk<CninfoQuery> backfill(BackfillCheckpoint committed, LocalDate from, LocalDate to, Clock clock) {
        return new CninfoBackfillWalk(this, committed, from, to, clock);
    }

    @Override
    public List<String> describe() {
        return List.of(
                "source=" + name(),
                "base_url=" + client.baseUrl(),
                "document_base_url=" + client.documentBaseUrl(),
                "columns=" + String.join(",", columns),
                "tabs=" + String.join(",", tabs),
                "categories=" + (categories.isEmpty() ? "all" : String.join(",", categories)),
                "company_codes=" + (companyCodes.isEmpty() ? "all" : String.join(",", companyCodes)),
                "list_interval=" + client.listInterval().toMillis() + "ms",
                "full_relist_interval=" + fullRelistInterval.toSeconds() + "s",
                "document_interval=" + client.documentInterval().toMillis() + "ms",
                "max_document_bytes=" + client.maxDocumentBytes(),
                "request_deadline=" + client.requestDeadline().toSeconds() + "s");
    }
}
