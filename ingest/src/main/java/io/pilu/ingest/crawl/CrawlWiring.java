package io.pilu.ingest.crawl;

import io.pilu.ingest.CrawlMetrics;
import io.pilu.ingest.document.DocumentTextExtractor;
import io.pilu.ingest.http.BseClient;
import io.pilu.model.Topics;
import io.pilu.service.TopicProvisioner;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;

/** Builds a crawler from its settings and closes what it opened. */
public final class CrawlWiring implements AutoCloseable {

    /** The state key of the bse.cn incremental crawl; backfills derive theirs from it. */
    public static final String SOURCE = "bse";

    public final CrawlMetrics metrics;
    public final BseClient client;
    public final AnnouncementPublisher publisher;
    public final Crawler crawler;

    public CrawlWiring(CrawlerSettings settings, CrawlMetrics metrics, PrintStream stdout) {
        this(settings, metrics, stdout, Integer.MAX_VALUE, null);
    }

    /** With the incremental crawl's bounds on one pass: listing pages, and a deadline (null: none). */
    public CrawlWiring(
            CrawlerSettings settings, CrawlMetrics metrics, PrintStream stdout, int maxPages, Duration pollDeadline) {
        this.metrics = metrics;
        this.client = new BseClient(settings.client(), metrics);
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
            client.close();
            throw e;
        }
        this.publisher = p;
        AnnouncementFetcher fetcher = new AnnouncementFetcher(
                client, new DocumentTextExtractor(settings.budget()), metrics, settings.workDir(), Clock.systemUTC());
        this.crawler = new Crawler(
                client,
                fetcher,
                publisher,
                metrics,
                settings.endpoint(),
                settings.fallbackEndpoint(),
                maxPages,
                pollDeadline);
    }

    @Override
    public void close() {
        try {
            publisher.close();
        } finally {
            client.close();
        }
    }
}
