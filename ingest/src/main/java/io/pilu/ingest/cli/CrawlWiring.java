package io.pilu.ingest.cli;

import io.pilu.ingest.CrawlMetrics;
import io.pilu.ingest.crawl.AnnouncementFetcher;
import io.pilu.ingest.crawl.AnnouncementPublisher;
import io.pilu.ingest.crawl.Crawler;
import io.pilu.ingest.crawl.JsonLinesPublisher;
import io.pilu.ingest.crawl.KafkaAnnouncementPublisher;
import io.pilu.ingest.document.DocumentTextExtractor;
import io.pilu.ingest.http.BseClient;
import io.pilu.model.Topics;
import io.pilu.service.CommonOptions;
import io.pilu.service.TopicProvisioner;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;

/** Builds a crawler from the command-line options and closes what it opened. */
final class CrawlWiring implements AutoCloseable {

    /** The state key of the bse.cn incremental crawl; backfills derive theirs from it. */
    static final String SOURCE = "bse";

    final CrawlMetrics metrics;
    final BseClient client;
    final AnnouncementPublisher publisher;
    final Crawler crawler;

    CrawlWiring(CommonOptions common, CrawlOptions options, CrawlMetrics metrics, PrintStream stdout) {
        this(common, options, metrics, stdout, Integer.MAX_VALUE, null);
    }

    /** With the incremental crawl's bounds on one pass: listing pages, and a deadline (null: none). */
    CrawlWiring(CommonOptions common, CrawlOptions options, CrawlMetrics metrics, PrintStream stdout, int maxPages,
                java.time.Duration pollDeadline) {
        this.metrics = metrics;
        this.client = new BseClient(options.clientConfig(), metrics);
        AnnouncementPublisher p = null;
        try {
            if (options.dryRun) {
                p = new JsonLinesPublisher(stdout);
            } else {
                Topics topics = common.topics();
                TopicProvisioner.ensure(common.bootstrapServers, topics.all().stream()
                        .filter(t -> t.name().equals(topics.raw()) || t.name().equals(topics.crawlerState()))
                        .toList(), common.replicationFactor);
                KafkaAnnouncementPublisher kafka = new KafkaAnnouncementPublisher(common.bootstrapServers,
                        topics.raw(), topics.crawlerState(), options.transactionalId, options.transactionTimeout);
                kafka.bindTo(metrics.registry());
                p = kafka;
            }
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        this.publisher = p;
        AnnouncementFetcher fetcher = new AnnouncementFetcher(client,
                new DocumentTextExtractor(options.extractionBudget()), metrics, options.workDir, Clock.systemUTC());
        this.crawler = new Crawler(client, fetcher, publisher, metrics, options.endpoint, options.fallbackEndpoint,
                maxPages, pollDeadline);
    }

    static List<String> describe(CommonOptions common, CrawlOptions o) {
        return List.of("base_url=" + o.baseUrl, "endpoint=" + o.endpoint, "fallback=" + o.fallbackEndpoint,
                "rate_limit=" + o.rateLimit, "max_document_bytes=" + o.maxDocumentBytes,
                "max_text_chars=" + o.maxTextChars, "request_deadline=" + o.requestDeadline.toSeconds() + "s",
                "dry_run=" + o.dryRun, o.dryRun ? "kafka=none" : "kafka=" + common.bootstrapServers,
                "topics=" + common.topics().raw() + "," + common.topics().crawlerState(),
                "transactional_id=" + o.transactionalId);
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
