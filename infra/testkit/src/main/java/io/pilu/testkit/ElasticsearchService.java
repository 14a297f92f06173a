package io.pilu.testkit;

import io.pilu.infra.ElasticsearchNode;
import java.util.Optional;

/** An Elasticsearch node shared by the tests of one JVM. */
interface ElasticsearchService extends AutoCloseable {

    /** {@code http://host:port}, no authentication. */
    String url();

    /** The node process when it is one of ours (embedded mode). */
    Optional<ElasticsearchNode> node();

    @Override
    void close();
}
