package io.pilu.ingest.simulator;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.pilu.service.OpsServer;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP side every exchange simulator shares: a JDK server bound to an address, its worker threads, its base URL
 * and its shutdown. The simulators own what they answer; this owns how they listen. Only {@link ExchangeSimulator}
 * uses it.
 */
final class SimulatorServer {

    private final HttpServer server;
    private final ExecutorService executor;

    private SimulatorServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * A server on {@code host:port} (port 0 picks a free one) with {@code threads} daemon workers named
     * {@code <site>-simulator-N}; it answers nothing until {@link #serve}.
     *
     * @throws IllegalStateException when the address cannot be bound (port in use, unknown host)
     */
    static SimulatorServer bind(String site, String host, int port, int threads) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, not " + port);
        }
        HttpServer server;
        try {
            // TCP_NODELAY, as the ops server: without it every response waits ~40 ms for the client's delayed ACK
            // (a 4,000-document test crawl spent 85 % of its time there)
            OpsServer.enableNoDelay();
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot serve the " + site + " simulator on " + host + ":" + port + ": " + e, e);
        }
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, site + "-simulator-" + threadNumber.incrementAndGet());
            t.setDaemon(true); // never the reason a JVM stays up; stop() ends it anyway
            return t;
        });
        server.setExecutor(executor);
        return new SimulatorServer(server, executor);
    }

    /** Starts answering every path with {@code handler}. */
    void serve(HttpHandler handler) {
        server.createContext("/", handler);
        server.start();
    }

    /** e.g. {@code http://127.0.0.1:41234}; a wildcard bind address is given as the loopback one. */
    String baseUrl() {
        InetSocketAddress address = server.getAddress();
        InetAddress ip = address.getAddress();
        if (ip.isAnyLocalAddress()) {
            ip = InetAddress.getLoopbackAddress();
        }
        String host = ip instanceof Inet6Address ? "[" + ip.getHostAddress() + "]" : ip.getHostAddress();
        return "http://" + host + ":" + address.getPort();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Stops at once: open exchanges are cut. */
    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }
}
