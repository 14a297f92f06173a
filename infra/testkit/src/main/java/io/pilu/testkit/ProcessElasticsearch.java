package io.pilu.testkit;

import io.pilu.infra.ElasticsearchNode;
import java.util.Optional;

/** The shared node of embedded mode: a real Elasticsearch node in a child JVM (see {@link ElasticsearchNode}). */
final class ProcessElasticsearch implements ElasticsearchService {

    private final ElasticsearchNode node;
    private final WorkDirs.Dir home;

    private ProcessElasticsearch(ElasticsearchNode node, WorkDirs.Dir home) {
        this.node = node;
        this.home = home;
    }

    static ProcessElasticsearch start() {
        WorkDirs.Dir home = WorkDirs.create("es");
        ElasticsearchNode node = ElasticsearchNode.builder()
                .dataDir(home.path())
                .port(0)
                .heap("512m")
                .clusterName("pilu-test")
                .nodeName("pilu-test-es")
                .start();
        return new ProcessElasticsearch(node, home);
    }

    @Override
    public String url() {
        return node.httpUrl();
    }

    @Override
    public Optional<ElasticsearchNode> node() {
        return Optional.of(node);
    }

    @Override
    public void close() {
        node.stop();
        // The index data goes; node.log stays next to the test reports for post-mortems.
        home.deleteData("data");
    }
}
