package io.pilu.enrich.topology;

import io.pilu.enrich.extract.AnnouncementEnricher;
import io.pilu.model.Topics;
import io.pilu.service.Metrics;
import java.nio.file.Path;

/**
 * Runs the enrich service as its own JVM for {@link EnrichExactlyOnceIT}, which kills it with SIGKILL mid-stream.
 * Args: bootstrapServers topicPrefix stateDir.
 */
public final class EnrichProcessMain {

    private EnrichProcessMain() {}

    public static void main(String[] args) throws Exception {
        EnrichConfig config = new EnrichConfig(
                args[0],
                "it-enrich-" + args[1],
                Topics.withPrefix(args[1]),
                Path.of(args[2]),
                1,
                EnrichConfig.DEFAULT_COMMIT_INTERVAL_MS);
        AnnouncementEnricher enricher = new AnnouncementEnricher();
        EnrichService service = EnrichService.start(config, enricher::enrich, Metrics.newRegistry("enrich"));
        Runtime.getRuntime().addShutdownHook(new Thread(service::close));
        service.awaitStop();
    }
}
