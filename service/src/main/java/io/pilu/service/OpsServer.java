package io.pilu.service;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations endpoint every Pilu service serves: {@code /metrics} (Prometheus text format), {@code /healthz}
 * (liveness: the process is not wedged), {@code /readyz} (readiness: it can do its work now), plus any extra
 * read-only routes a service adds (enrich adds {@code /topology}).
 *
 * <p>A plain JDK HTTP server on purpose: no framework to start, nothing to configure, one small thread pool.
 * Probes answer 200 with {@code ok: detail} or 503 with {@code failing: detail}.
 *
 * <p>Slow clients: the JDK server reads a request's headers on a worker thread, so connections that never finish
 * their headers would hold every worker and starve the probes (a kubelet then kills a healthy pod). So there are
 * {@value #WORKERS} workers, and a connection whose request is not read within {@value #MAX_REQUEST_SECONDS} s or
 * whose response is not written within {@value #MAX_RESPONSE_SECONDS} s is closed
 * ({@code sun.net.httpserver.maxReqTime} / {@code maxRspTime}, set for the JVM unless already set: the JDK reads them
 * once, when its first HTTP server starts, which is why {@link #limitSlowClients()} must run early).
 */
public final class OpsServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OpsServer.class);
    /** Worker threads: many slow connections can hold some, never all of them for long. */
    static final int WORKERS = 16;

    static final int MAX_REQUEST_SECONDS = 5;
    static final int MAX_RESPONSE_SECONDS = 30;

    static {
        limitSlowClients();
    }

    /**
     * Bounds how long the JDK's HTTP server waits for a request and for its response to be written. Idempotent;
     * call it before the first {@code HttpServer} of the JVM starts (the {@code pilu} main does).
     */
    public static void limitSlowClients() {
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", Integer.toString(MAX_REQUEST_SECONDS));
        }
        if (System.getProperty("sun.net.httpserver.maxRspTime") == null) {
            System.setProperty("sun.net.httpserver.maxRspTime", Integer.toString(MAX_RESPONSE_SECONDS));
        }
    }

    static {
        enableNoDelay();
    }

    /**
     * Makes the JDK HTTP server send with TCP_NODELAY. Without it a response written as headers then body waits
     * for the client's delayed ACK: ~40 ms added to every keep-alive request, whatever the work. The server reads
     * the property once, when its first instance is created, so {@code main} calls this first thing too.
     */
    public static void enableNoDelay() {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;

    private OpsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static Builder builder(PrometheusMeterRegistry registry) {
        return new Builder(registry);
    }

    /** The bound port (useful when started on port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Base URL, e.g. {@code http://127.0.0.1:9464}. */
    public String url() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().isAnyLocalAddress() ? "localhost" : address.getHostString();
        return "http://" + host + ":" + port();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Configures and starts an {@link OpsServer}. */
    public static final class Builder {
        private final PrometheusMeterRegistry registry;
        private String host = "0.0.0.0";
        private int port;
        private Supplier<Check> liveness = () -> Check.ok("alive");
        private Supplier<Check> readiness = () -> Check.ok("ready");
        private final Map<String, Supplier<String>> routes = new LinkedHashMap<>();
        private final Map<String, HttpHandler> handlers = new LinkedHashMap<>();
        private int threads = WORKERS;

        private Builder(PrometheusMeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        /**
         * Interface to bind, default all interfaces (so Prometheus in a container can scrape it); {@code 127.0.0.1}
         * keeps it off the network ({@code --ops-host}).
         */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** Port to bind; 0 picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder liveness(Supplier<Check> liveness) {
            this.liveness = liveness;
            return this;
        }

        public Builder readiness(Supplier<Check> readiness) {
            this.readiness = readiness;
            return this;
        }

        /** An extra read-only route answering {@code body.get()} as JSON or text. */
        public Builder route(String path, Supplier<String> body) {
            routes.put(path, body);
            return this;
        }

        /**
         * A handler of its own for every path under {@code path}, answering with its own status and headers: how a
         * service adds an API beside its probes (analytics serves its queries this way).
         */
        public Builder handler(String path, HttpHandler handler) {
            handlers.put(path, Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /** Threads serving requests (default 2; an API that forwards to its peers needs more than its probes). */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
            this.threads = threads;
            return this;
        }

        public OpsServer start() {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
                ExecutorService executor = Executors.newFixedThreadPool(threads, r -> {
                    Thread t = new Thread(r, "pilu-ops-http");
                    t.setDaemon(true);
                    return t;
                });
                server.setExecutor(executor);
                server.createContext(
                        "/metrics",
                        ex -> respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
                server.createContext("/healthz", ex -> probe(ex, liveness));
                server.createContext("/readyz", ex -> probe(ex, readiness));
                routes.forEach((path, body) -> server.createContext(path, ex -> {
                    String b = body.get();
                    respond(
                            ex,
                            200,
                            b.startsWith("{") || b.startsWith("[")
                                    ? "application/json; charset=utf-8"
                                    : "text/plain; charset=utf-8",
                            b);
                }));
                handlers.forEach(server::createContext);
                server.start();
                OpsServer ops = new OpsServer(server, executor);
                log.info(
                        "ops endpoint listening on {} (/metrics /healthz /readyz{})",
                        ops.url(),
                        routes.isEmpty() && handlers.isEmpty()
                                ? ""
                                : " " + String.join(" ", concat(routes.keySet(), handlers.keySet())));
                return ops;
            } catch (IOException e) {
                throw new IllegalStateException(
                        "cannot bind the ops endpoint on " + host + ":" + port
                                + " (set another port with --ops-port / PILU_OPS_PORT): " + e.getMessage(),
                        e);
            }
        }

        private static java.util.List<String> concat(java.util.Collection<String> a, java.util.Collection<String> b) {
            java.util.List<String> all = new java.util.ArrayList<>(a);
            all.addAll(b);
            return all;
        }

        private static void probe(HttpExchange ex, Supplier<Check> probe) throws IOException {
            Check c;
            try {
                c = probe.get();
            } catch (RuntimeException e) {
                c = Check.failing("probe threw " + e);
            }
            respond(
                    ex,
                    c.ok() ? 200 : 503,
                    "text/plain; charset=utf-8",
                    (c.ok() ? "ok: " : "failing: ") + c.detail() + "\n");
        }

        private static void respond(HttpExchange ex, int status, String contentType, String body) throws IOException {
            try (ex) {
                if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                    ex.sendResponseHeaders(405, -1);
                    return;
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", contentType);
                boolean head = "HEAD".equals(ex.getRequestMethod());
                ex.sendResponseHeaders(status, head ? -1 : bytes.length);
                if (!head) {
                    try (OutputStream out = ex.getResponseBody()) {
                        out.write(bytes);
                    }
                }
            }
        }
    }
}
