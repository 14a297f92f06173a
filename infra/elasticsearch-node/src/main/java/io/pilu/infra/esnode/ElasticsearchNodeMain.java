package io.pilu.infra.esnode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.elasticsearch.action.admin.cluster.health.ClusterHealthRequest;
import org.elasticsearch.action.admin.cluster.health.ClusterHealthResponse;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.core.TimeValue;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.ClasspathPluginNode;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.plugins.ClasspathPluginsService.ClasspathPlugin;
import org.elasticsearch.transport.netty4.Netty4Plugin;

/**
 * Runs one Elasticsearch node in this JVM until SIGTERM. Meant to be the whole JVM: Elasticsearch brings its own
 * Lucene, log4j and Jackson, which must not meet an application's. Launched by {@code io.pilu.infra.ElasticsearchNode}
 * as {@code java -cp <node.classpath> io.pilu.infra.esnode.ElasticsearchNodeMain --home DIR ...}.
 */
public final class ElasticsearchNodeMain {

    /** Plugins the node loads from the classpath (the distribution's modules are not on Maven Central). */
    static final List<ClasspathPlugin> PLUGINS = List.of(
            new ClasspathPlugin("transport-netty4", Netty4Plugin.class),
            new ClasspathPlugin("pilu-root-info", RootInfoPlugin.class),
            new ClasspathPlugin("pilu-analysis-chinese", ChineseAnalysisPlugin.class));

    private static final TimeValue YELLOW_TIMEOUT = TimeValue.timeValueSeconds(60);
    private static final long CLOSE_TIMEOUT_SECONDS = 20;

    private ElasticsearchNodeMain() {}

    public static void main(String[] args) {
        // Like the stock launcher: Elasticsearch closes log4j itself after the node, and JMX is not wanted.
        // Must be set before log4j initialises.
        System.setProperty("log4j.shutdownHookEnabled", "false");
        System.setProperty("log4j2.disable.jmx", "true");
        LogConfigurator.registerErrorListener();

        NodeOptions options;
        try {
            options = NodeOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(NodeOptions.USAGE);
            System.exit(2);
            return;
        }
        try {
            run(options);
        } catch (Throwable t) {
            // Logging may not be configured yet: the launcher shows the tail of stderr in its error message.
            System.err.println("Elasticsearch node failed to start: " + t);
            t.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(NodeOptions options) throws Exception {
        options.parentPid().ifPresent(ElasticsearchNodeMain::exitWhenParentIsGone);
        Files.createDirectories(options.configDir());
        Files.createDirectories(options.dataDir());
        Files.createDirectories(options.logsDir());
        options.portFile().ifPresent(ElasticsearchNodeMain::deleteStalePortFile);
        installLogConfig(options.configDir());

        Environment environment = InternalSettingsPreparer.prepareEnvironment(
                NodeSettings.of(options), Map.of(), options.configDir(), options::nodeName);
        LogConfigurator.setNodeName(options.nodeName());
        LogConfigurator.setClusterName(options.clusterName());
        LogConfigurator.configure(environment, true);
        Logger logger = LogManager.getLogger(ElasticsearchNodeMain.class);

        long startNanos = System.nanoTime();
        ClasspathPluginNode node = new ClasspathPluginNode(environment, PLUGINS);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> close(node, options, closed, logger), "pilu-es-shutdown"));

        node.start();
        awaitYellow(node);
        int port = node.httpAddress().getPort();
        if (options.portFile().isPresent()) {
            PortFile.write(options.portFile().get(), port);
        }
        logger.info(
                "Elasticsearch node [{}] of cluster [{}] ready at http://127.0.0.1:{} in {} ms (home {})",
                options.nodeName(),
                options.clusterName(),
                port,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos),
                options.home());
        // Elasticsearch's threads are daemons: this thread keeps the JVM up until the shutdown hook has closed the
        // node.
        closed.await();
    }

    private static void awaitYellow(ClasspathPluginNode node) {
        ClusterHealthResponse health = node.client()
                .admin()
                .cluster()
                .health(new ClusterHealthRequest(YELLOW_TIMEOUT)
                        .waitForYellowStatus()
                        .timeout(YELLOW_TIMEOUT))
                .actionGet();
        if (health.isTimedOut()) {
            throw new IllegalStateException(
                    "cluster did not reach yellow within " + YELLOW_TIMEOUT + ": status " + health.getStatus());
        }
    }

    private static void close(ClasspathPluginNode node, NodeOptions options, CountDownLatch closed, Logger logger) {
        try {
            // A launcher must not read the port of a node that is gone.
            options.portFile().ifPresent(ElasticsearchNodeMain::deleteStalePortFile);
        } catch (RuntimeException e) {
            logger.warn("could not delete the port file", e);
        }
        try {
            node.close();
            if (!node.awaitClose(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                logger.warn("node did not finish closing within {}s", CLOSE_TIMEOUT_SECONDS);
            }
            logger.info("Elasticsearch node [{}] closed", options.nodeName());
        } catch (IOException | RuntimeException e) {
            logger.error("failed to close the node cleanly", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closed.countDown();
            // log4j's own shutdown hook is off (it would stop logging before the node has closed): flush it last.
            Configurator.shutdown((LoggerContext) LogManager.getContext(false));
        }
    }

    /**
     * The launcher stops the node from its shutdown hook, which does not run when the launcher is SIGKILLed; then
     * this exits (running our own hook, so the node still closes cleanly) instead of leaving an orphan node.
     */
    private static void exitWhenParentIsGone(long parentPid) {
        ProcessHandle.of(parentPid)
                .orElseThrow(() -> new IllegalStateException("launcher process " + parentPid + " is not running"))
                .onExit()
                .thenRun(() -> {
                    LogManager.getLogger(ElasticsearchNodeMain.class)
                            .warn("launcher process {} is gone; shutting down", parentPid);
                    System.exit(0);
                });
    }

    /** Our log4j2.properties (console only, quiet) replaces whatever an earlier version left in the config dir. */
    private static void installLogConfig(Path configDir) throws IOException {
        try (InputStream in = ElasticsearchNodeMain.class.getResourceAsStream("log4j2.properties")) {
            Objects.requireNonNull(in, "log4j2.properties resource missing from the node jar");
            Files.copy(in, configDir.resolve("log4j2.properties"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteStalePortFile(Path portFile) {
        try {
            Files.deleteIfExists(portFile);
        } catch (IOException e) {
            throw new IllegalStateException("cannot delete port file " + portFile, e);
        }
    }
}
