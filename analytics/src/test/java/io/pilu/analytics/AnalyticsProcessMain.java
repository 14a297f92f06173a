package io.pilu.analytics;

import io.pilu.analytics.topology.AnalyticsConfig;
import io.pilu.analytics.topology.InstitutionNames;
import io.pilu.model.Topics;
import io.pilu.service.Metrics;
import java.nio.file.Path;

/**
 * Runs one analytics instance as its own JVM for {@link AnalyticsFailoverIT}, which kills it with SIGKILL.
 * Args: bootstrapServers topicPrefix applicationId stateDir apiPort standbyReplicas.
 */
public final class AnalyticsProcessMain {

    private AnalyticsProcessMain() {}

    public static void main(String[] args) throws Exception {
        AnalyticsConfig config = new AnalyticsConfig(
                args[0],
                args[2],
                Topics.withPrefix(args[1]),
                Path.of(args[3]),
                1,
                AnalyticsConfig.DEFAULT_COMMIT_INTERVAL_MS,
                Integer.parseInt(args[5]),
                "localhost:" + args[4]);
        AnalyticsService service =
                AnalyticsService.start(config, InstitutionNames.loadDefault(), Metrics.newRegistry("analytics"), -1);
        Runtime.getRuntime().addShutdownHook(new Thread(service::close));
        service.awaitStop();
    }
}
