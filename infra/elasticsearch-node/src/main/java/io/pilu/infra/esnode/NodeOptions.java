package io.pilu.infra.esnode;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Command line of {@link ElasticsearchNodeMain}.
 *
 * @param home        path.home; data, logs and config live below it and are reused across restarts
 * @param httpPort    HTTP port on 127.0.0.1; 0 binds an ephemeral port (read it back from the port file)
 * @param portFile    where to write the bound HTTP port once the cluster is at least yellow
 * @param clusterName cluster.name
 * @param nodeName    node.name
 * @param parentPid   the launcher's pid: the node exits when that process is gone, even if it was SIGKILLed
 */
public record NodeOptions(
        Path home, int httpPort, Optional<Path> portFile, String clusterName, String nodeName, OptionalLong parentPid) {

    public static final int DEFAULT_HTTP_PORT = 9200;
    public static final String DEFAULT_CLUSTER_NAME = "pilu";
    public static final String DEFAULT_NODE_NAME = "pilu-es";

    static final String USAGE = """
        usage: java -cp <node.classpath> io.pilu.infra.esnode.ElasticsearchNodeMain --home DIR [options]
          --home DIR            node home (config/, data/, logs/); reuse it to keep the data
          --http-port N         HTTP port on 127.0.0.1, 0 = ephemeral (default 9200)
          --port-file FILE      write the bound HTTP port here once the cluster is yellow
          --cluster-name NAME   cluster.name (default pilu)
          --node-name NAME      node.name (default pilu-es)
          --parent-pid PID      exit when process PID is gone (set by the launcher)
        """;

    public NodeOptions {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(portFile, "portFile");
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(parentPid, "parentPid");
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("--http-port must be 0..65535, got " + httpPort);
        }
    }

    /** Parses {@code --flag value} pairs; throws {@link IllegalArgumentException} with a message fit for the user. */
    public static NodeOptions parse(String... args) {
        Path home = null;
        int httpPort = DEFAULT_HTTP_PORT;
        Path portFile = null;
        String clusterName = DEFAULT_CLUSTER_NAME;
        String nodeName = DEFAULT_NODE_NAME;
        OptionalLong parentPid = OptionalLong.empty();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + flag);
            }
            String value = args[++i];
            switch (flag) {
                case "--home" -> home = Path.of(value);
                case "--http-port" -> httpPort = port(parseNumber(flag, value));
                case "--port-file" -> portFile = Path.of(value);
                case "--cluster-name" -> clusterName = value;
                case "--node-name" -> nodeName = value;
                case "--parent-pid" -> parentPid = OptionalLong.of(parseNumber(flag, value));
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        if (home == null) {
            throw new IllegalArgumentException("--home is required");
        }
        return new NodeOptions(
                home.toAbsolutePath().normalize(),
                httpPort,
                Optional.ofNullable(portFile),
                clusterName,
                nodeName,
                parentPid);
    }

    private static int port(long value) {
        if (value < 0 || value > 65535) {
            throw new IllegalArgumentException("--http-port must be 0..65535, got " + value);
        }
        return (int) value;
    }

    private static long parseNumber(String flag, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a number, got '" + value + "'");
        }
    }

    public Path configDir() {
        return home.resolve("config");
    }

    public Path dataDir() {
        return home.resolve("data");
    }

    public Path logsDir() {
        return home.resolve("logs");
    }
}
