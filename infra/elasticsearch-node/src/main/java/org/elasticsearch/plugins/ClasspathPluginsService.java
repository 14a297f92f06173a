package org.elasticsearch.plugins;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.elasticsearch.Build;
import org.elasticsearch.action.admin.cluster.node.info.PluginsAndModules;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.spi.SPIClassIterator;

/**
 * A {@link PluginsService} whose plugins are plain classes on the JVM classpath instead of bundles unpacked
 * under {@code $ES_HOME/plugins} and {@code modules}.
 *
 * <p>It lives in {@code org.elasticsearch.plugins} because the pieces it needs ({@code LoadedPlugin},
 * {@code loadPlugin}, {@code loadExtensions}, {@code createExtension}) are package-private. The parent
 * constructor is given an empty {@link PluginsLoader}, so it loads nothing itself; every lookup the node does
 * goes through the overridden {@link #plugins()}.
 */
public final class ClasspathPluginsService extends PluginsService {

    /** A plugin class on the classpath and the name it is listed under ({@code _cat/plugins}, node info). */
    public record ClasspathPlugin(String name, Class<? extends Plugin> type) {}

    private final List<LoadedPlugin> classpathPlugins;
    private final PluginsAndModules info;

    public ClasspathPluginsService(Environment environment, List<ClasspathPlugin> pluginClasses) {
        super(
                environment.settings(),
                environment.configDir(),
                PluginsLoader.createPluginsLoader(Set.of(), Set.of(), Map.of(), false));
        Settings settings = environment.settings();
        List<LoadedPlugin> loaded = new ArrayList<>();
        for (ClasspathPlugin plugin : pluginClasses) {
            Plugin instance = loadPlugin(plugin.type(), settings, environment.configDir());
            loaded.add(new LoadedPlugin(
                    descriptorFor(plugin), instance, plugin.type().getClassLoader()));
        }
        // Wire extension points the way the bundle loader does, should a listed plugin be extensible.
        loadExtensions(loaded);
        this.classpathPlugins = List.copyOf(loaded);
        this.info = new PluginsAndModules(
                classpathPlugins.stream()
                        .map(p -> new PluginRuntimeInfo(p.descriptor()))
                        .toList(),
                List.of());
    }

    private static PluginDescriptor descriptorFor(ClasspathPlugin plugin) {
        return new PluginDescriptor(
                plugin.name(),
                "classpath plugin " + plugin.type().getName(),
                Build.current().version(),
                Build.current().version(),
                Integer.toString(Runtime.version().feature()),
                plugin.type().getName(),
                null,
                List.of(),
                false,
                false,
                false,
                false);
    }

    @Override
    protected List<LoadedPlugin> plugins() {
        return classpathPlugins;
    }

    @Override
    public PluginsAndModules info() {
        return info;
    }

    /**
     * All classpath plugins share one class loader, so the parent's per-plugin SPI scan would find every
     * {@code META-INF/services} provider once per plugin (and {@code loadSingletonServiceProvider} would then fail
     * with "more than one extension"). Scan once and instantiate each provider class once; a provider whose
     * constructor takes a specific plugin type is created with the plugin of that type.
     */
    @Override
    public <T> List<? extends T> loadServiceProviders(Class<T> service) {
        Map<Class<?>, T> providers = new LinkedHashMap<>();
        ClassLoader loader = ClasspathPluginsService.class.getClassLoader();
        SPIClassIterator<T> classes = SPIClassIterator.get(service, loader);
        while (classes.hasNext()) {
            Class<? extends T> providerClass = classes.next();
            if (providers.containsKey(providerClass)) {
                continue;
            }
            Plugin owner = ownerOf(providerClass);
            if (owner != null) {
                providers.put(providerClass, createExtension(providerClass, service, owner));
            }
        }
        return Collections.unmodifiableList(new ArrayList<>(providers.values()));
    }

    /**
     * The plugin that a provider is created for: the plugin its one-argument constructor asks for, or any plugin
     * (the first) when it has a no-argument constructor. {@code null} when the plugin it needs is not loaded.
     */
    private Plugin ownerOf(Class<?> providerClass) {
        for (Constructor<?> constructor : providerClass.getConstructors()) {
            if (constructor.getParameterCount() == 1) {
                Class<?> wanted = constructor.getParameterTypes()[0];
                return classpathPlugins.stream()
                        .map(LoadedPlugin::instance)
                        .filter(p -> p.getClass() == wanted)
                        .findFirst()
                        .orElse(null);
            }
        }
        return classpathPlugins.isEmpty() ? null : classpathPlugins.get(0).instance();
    }
}
