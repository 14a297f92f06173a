package org.elasticsearch.node;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.elasticsearch.env.Environment;
import org.elasticsearch.http.HttpServerTransport;
import org.elasticsearch.plugins.ClasspathPluginsService;
import org.elasticsearch.plugins.ClasspathPluginsService.ClasspathPlugin;
import org.elasticsearch.plugins.PluginsLoader;
import org.elasticsearch.plugins.PluginsService;

/**
 * A real Elasticsearch {@link Node} whose plugins come from the classpath.
 *
 * <p>It sits in {@code org.elasticsearch.node} because {@link NodeConstruction} and {@link NodeServiceProvider}
 * are package-private: the server's own construction path is used unchanged, except that the plugins service is
 * a {@link ClasspathPluginsService}. This is not the test framework's MockNode (which needs randomized-testing
 * context and refuses to run as root).
 */
public final class ClasspathPluginNode extends Node {

    public ClasspathPluginNode(Environment environment, List<ClasspathPlugin> plugins) {
        super(NodeConstruction.prepareConstruction(
                environment,
                PluginsLoader.createPluginsLoader(Set.of(), Set.of(), Map.of(), false),
                new ClasspathServiceProvider(plugins),
                true));
    }

    /** The address the HTTP transport actually bound to (meaningful with {@code http.port: 0}). */
    public InetSocketAddress httpAddress() {
        return injector()
                .getInstance(HttpServerTransport.class)
                .boundAddress()
                .publishAddress()
                .address();
    }

    private static final class ClasspathServiceProvider extends NodeServiceProvider {
        private final List<ClasspathPlugin> plugins;

        ClasspathServiceProvider(List<ClasspathPlugin> plugins) {
            this.plugins = List.copyOf(plugins);
        }

        @Override
        PluginsService newPluginService(Environment initialEnvironment, PluginsLoader pluginsLoader) {
            return new ClasspathPluginsService(initialEnvironment, plugins);
        }
    }
}
