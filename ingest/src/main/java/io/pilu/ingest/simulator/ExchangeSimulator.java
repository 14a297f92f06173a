package io.pilu.ingest.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * What every exchange simulator does whatever contract it speaks: it listens ({@link SimulatorServer}), counts the
 * requests by path, lets a test fixture take over a path prefix (the one seam for faults), and records every
 * contract violation, so a test can assert that a crawler never broke the contract. A subclass says only what the
 * contract answers ({@link #answerByContract}) and calls {@link #recordViolation} when a request breaks it.
 */
public abstract class ExchangeSimulator implements AutoCloseable {

    /** The loopback interface's address, which the tests' simulators listen on. */
    protected static final String LOOPBACK = InetAddress.getLoopbackAddress().getHostAddress();

    /** Enough for a crawler plus a browser (and a hostile test's slow answers); the work per request is tiny. */
    private static final int THREADS = 8;

    private final SimulatorServer server;
    private final Map<String, AtomicInteger> requestCounts = new ConcurrentHashMap<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final Map<String, HttpHandler> interceptors = new ConcurrentHashMap<>();
    private volatile Consumer<String> violationListener = v -> {};

    /**
     * Binds {@code host:port} (port 0 picks a free one) for the simulator of {@code site}, which answers nothing until
     * {@link #serving}.
     *
     * @throws IllegalStateException when the address cannot be bound (port in use, unknown host)
     */
    protected ExchangeSimulator(String site, String host, int port) {
        this.server = SimulatorServer.bind(site, host, port, THREADS);
    }

    /**
     * Starts answering with {@code simulator}'s contract and returns it: called once it is built, never from its
     * constructor, so that no request meets a half-built simulator.
     */
    protected static <S extends ExchangeSimulator> S serving(S simulator) {
        ExchangeSimulator site = simulator; // private members are not reachable through a type variable
        site.server.serve(site::handle);
        return simulator;
    }

    /** e.g. {@code http://127.0.0.1:41234}; a wildcard bind address is given as the loopback one. */
    public String baseUrl() {
        return server.baseUrl();
    }

    public int port() {
        return server.port();
    }

    // ---------------------------------------------------------------- knobs

    /**
     * Answers requests whose path starts with {@code pathPrefix} with {@code handler} instead of the contract (the
     * longest matching prefix wins): the one seam for what the contract does not do — the hostile-exchange tests
     * serve what an attacker (or a broken exchange) would, e.g. a listing trickled one byte a second, and the test
     * fixtures inject failures; a handler may still hand a request to {@link #answerByContract}. {@code null}
     * restores the contract.
     */
    public void intercept(String pathPrefix, HttpHandler handler) {
        if (handler == null) {
            interceptors.remove(pathPrefix);
        } else {
            interceptors.put(pathPrefix, handler);
        }
    }

    /** Called with each contract violation as it happens (e.g. to log it), besides recording it. */
    public void onContractViolation(Consumer<String> listener) {
        this.violationListener = listener;
    }

    // ---------------------------------------------------------------- observations

    /** Requests so far whose path starts with {@code pathPrefix}. */
    public int requests(String pathPrefix) {
        return requestCounts.entrySet().stream()
                .filter(e -> e.getKey().startsWith(pathPrefix))
                .mapToInt(e -> e.getValue().get())
                .sum();
    }

    /** Every contract violation so far (and any server-side error), in order. */
    public List<String> contractViolations() {
        return List.copyOf(violations);
    }

    // ---------------------------------------------------------------- HTTP

    /** Answers {@code ex} as the contract says, whatever is intercepted; for interceptors that change only some. */
    public abstract void answerByContract(HttpExchange ex) throws IOException;

    /** Records a contract violation (or server error) and tells the listener. */
    protected final void recordViolation(String what) {
        violations.add(what);
        violationListener.accept(what);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            requestCounts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            String prefix = null;
            for (String p : interceptors.keySet()) {
                if (path.startsWith(p) && (prefix == null || p.length() > prefix.length())) {
                    prefix = p;
                }
            }
            HttpHandler interceptor = prefix == null ? null : interceptors.get(prefix);
            if (interceptor != null) {
                interceptor.handle(ex);
            } else {
                answerByContract(ex);
            }
        } catch (RuntimeException e) {
            // a bug here must fail the test that met it, not just show up as a 500 the crawler retries
            recordViolation("server error: " + e);
            throw e;
        }
    }

    /** Stops serving at once (requests in flight are cut) and releases the port. */
    @Override
    public void close() {
        server.stop();
    }
}
