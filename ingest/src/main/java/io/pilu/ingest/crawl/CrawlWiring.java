package io.pilu.ingest.crawl;

import io.pilu.ingest.CrawlMetrics;
import io.pilu.ingest.document.DocumentTextExtractor;
import io.pilu.model.Topics;
import io.pilu.service.TopicProvisioner;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a crawler of one source from its settings and closes what it opened.
 *
 * @param <Q> the source's query type
 */
public final class CrawlWiring<Q> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CrawlWiring.class);

    /** The state key of the bse.cn incremental crawl; backfills derive theirs from it. */
    public static final String SOURCE = CrawlMetrics.BSE;

    public final CrawlMetrics metrics;
    public final CrawlSource<Q> source;
    public final AnnouncementPublisher publisher;
    public final Crawler<Q> crawler;
    private final AutoCloseable client;

    /** A crawler of {@code settings}' source (backfill: no page cap, no deadline). */
    public static CrawlWiring<?> of(CrawlerSettings settings, CrawlMetrics metrics, PrintStream stdout) {
        return of(settings, metrics, stdout, Integer.MAX_VALUE, null);
    }

    /** With the incremental crawl's bounds on one pass: listing pages, and a deadline (null: none). */
    public static CrawlWiring<?> of(
            CrawlerSettings settings, CrawlMetrics metrics, PrintStream stdout, int maxPages, Duration pollDeadline) {
        return new CrawlWiring<>(settings, settings.source(), metrics, stdout, maxPages, pollDeadline);
    }

    private CrawlWiring(
            CrawlerSettings settings,
            CrawlSource<Q> source,
            CrawlMetrics metrics,
            PrintStream stdout,
            int maxPages,
            Duration pollDeadline) {
        this.metrics = metrics;
        this.source = source;
        CrawlSource.Opened<Q> opened = source.open(metrics);
        this.client = opened.client();
        AnnouncementPublisher p = null;
        try {
            if (settings.dryRun()) {
                p = new JsonLinesPublisher(stdout);
            } else {
                Topics topics = settings.topics();
                TopicProvisioner.ensure(
                        settings.bootstrapServers(),
                        topics.all().stream()
                                .filter(t -> t.name().equals(topics.raw())
                                        || t.name().equals(topics.crawlerState()))
                                .toList(),
                        settings.replicationFactor());
                KafkaAnnouncementPublisher kafka = new KafkaAnnouncementPublisher(
                        settings.bootstrapServers(),
                        topics.raw(),
                        topics.crawlerState(),
                        settings.transactionalId(),
                        settings.transactionTimeout());
                kafka.bindTo(metrics.registry());
                p = kafka;
            }
        } catch (RuntimeException e) {
            closeClient();
            throw e;
        }
        this.publisher = p;
        AnnouncementFetcher fetcher = new AnnouncementFetcher(
                opened.documents(),
                new DocumentTextExtractor(settings.budget()),
                metrics,
                source.workDir(settings.workDir()),
                Clock.systemUTC());
        this.crawler = new Crawler<>(opened.listing(), fetcher, publisher, metrics, maxPages, pollDeadline);
    }

    /** One pass of {@code walk}, which must be one of this source's (from {@link #source}). */
    public PassResult runPass(Walk<Q> walk, ProgressListener progress) throws CrawlException, InterruptedException {
        return crawler.runPass(walk, progress);
    }

    private void closeClient() {
        try {
            client.close();
        } catch (Exception e) {
            log.warn("closing the {} client: {}", source.name(), e.toString());
        }
    }

    @Override
    public void close() {
        try {
            publisher.close();
        } finally {
            closeClient();
        }
    }
}
