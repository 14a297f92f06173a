package io.pilu.infra.esnode;

import static org.elasticsearch.rest.RestRequest.Method.GET;
import static org.elasticsearch.rest.RestRequest.Method.HEAD;

import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import org.elasticsearch.Build;
import org.elasticsearch.client.internal.node.NodeClient;
import org.elasticsearch.cluster.ClusterState;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.common.bytes.BytesArray;
import org.elasticsearch.index.IndexVersion;
import org.elasticsearch.rest.BaseRestHandler;
import org.elasticsearch.rest.RestRequest;
import org.elasticsearch.rest.RestResponse;
import org.elasticsearch.rest.RestStatus;
import org.elasticsearch.xcontent.XContentBuilder;

/**
 * The root endpoint: node name, cluster name and uuid, the full {@code version} object and the tagline. The Java
 * client's {@code InfoResponse} requires every one of these fields, so none may be left out.
 */
final class RestRootInfoAction extends BaseRestHandler {

    static final String TAGLINE = "You Know, for Search";

    private final Supplier<ClusterService> clusterService;

    RestRootInfoAction(Supplier<ClusterService> clusterService) {
        this.clusterService = clusterService;
    }

    @Override
    public String getName() {
        return "pilu_root_info_action";
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route(GET, "/"), new Route(HEAD, "/"));
    }

    @Override
    public boolean canTripCircuitBreaker() {
        // Health probes must keep answering when the node is under memory pressure.
        return false;
    }

    @Override
    protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) {
        if (request.method() == HEAD) {
            return channel -> channel.sendResponse(
                    new RestResponse(RestStatus.OK, RestResponse.TEXT_CONTENT_TYPE, BytesArray.EMPTY));
        }
        return channel -> {
            XContentBuilder builder = channel.newBuilder();
            writeInfo(builder, clusterService.get());
            channel.sendResponse(new RestResponse(RestStatus.OK, builder));
        };
    }

    private static void writeInfo(XContentBuilder builder, ClusterService clusterService) throws IOException {
        ClusterState state = clusterService.state();
        Build build = Build.current();
        builder.startObject();
        builder.field("name", clusterService.localNode().getName());
        builder.field("cluster_name", clusterService.getClusterName().value());
        builder.field("cluster_uuid", state.metadata().clusterUUID());
        builder.startObject("version")
                .field("number", build.qualifiedVersion())
                .field("build_flavor", build.flavor())
                .field("build_type", build.type().displayName())
                .field("build_hash", build.hash())
                .field("build_date", build.date())
                .field("build_snapshot", build.isSnapshot())
                .field("lucene_version", IndexVersion.current().luceneVersion().toString())
                .field("minimum_wire_compatibility_version", build.minWireCompatVersion())
                .field("minimum_index_compatibility_version", build.minIndexCompatVersion())
                .endObject();
        builder.field("tagline", TAGLINE);
        builder.endObject();
    }
}
