package io.pilu.testkit;

import io.pilu.infra.ElasticsearchNode;
import java.util.Optional;
import org.testcontainers.elasticsearch.ElasticsearchContainer;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.utility.DockerImageName;

/**
 * The official Elasticsearch image plus the official {@code analysis-smartcn} and {@code analysis-icu} plugins (the
 * mappings use {@code smartcn}), security off so the tests talk plain HTTP as they do to the embedded node.
 */
final class ContainerElasticsearch implements ElasticsearchService {

    static final String VERSION = "8.19.21";
    private static final String OFFICIAL_IMAGE = "docker.elastic.co/elasticsearch/elasticsearch";

    private final ElasticsearchContainer container;

    private ContainerElasticsearch(ElasticsearchContainer container) {
        this.container = container;
    }

    static ContainerElasticsearch start() {
        // Built once per Docker host and then reused from its image cache (deleteOnExit=false).
        String image = new ImageFromDockerfile("pilu/elasticsearch-cjk:" + VERSION, false)
                .withDockerfileFromBuilder(dockerfile -> dockerfile
                        .from(OFFICIAL_IMAGE + ":" + VERSION)
                        .run("bin/elasticsearch-plugin install --batch analysis-smartcn analysis-icu")
                        .build())
                .get();
        ElasticsearchContainer container =
                new ElasticsearchContainer(DockerImageName.parse(image).asCompatibleSubstituteFor(OFFICIAL_IMAGE));
        container.withEnv("xpack.security.enabled", "false");
        // With security off there is no CA certificate to extract.
        container.withCertPath("");
        container.withEnv("ES_JAVA_OPTS", "-Xms512m -Xmx512m");
        container.start();
        return new ContainerElasticsearch(container);
    }

    @Override
    public String url() {
        return "http://" + container.getHttpHostAddress();
    }

    @Override
    public Optional<ElasticsearchNode> node() {
        return Optional.empty();
    }

    @Override
    public void close() {
        container.stop();
    }
}
