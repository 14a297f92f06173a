package io.pilu.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * A port on 127.0.0.1 that was free a moment ago. Kafka needs concrete ports up front (the controller quorum and
 * advertised listeners name them), so "port 0" is resolved here; another process could take the port in between,
 * which then shows up as a bind error in the broker log.
 */
final class FreePort {

    private FreePort() {}

    static int pick() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
        }
    }

    /** {@code requested}, or a free port when it is 0. */
    static int resolve(int requested) {
        if (requested < 0 || requested > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + requested);
        }
        return requested == 0 ? pick() : requested;
    }
}
