package io.pilu.infra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The smallest child-JVM server for {@link ChildJvmServerIT}: listens on a free port, writes it to the file given
 * as first argument and serves until terminated. With {@code exit} as second argument it exits with code 3 before
 * writing anything, like a server whose configuration is wrong.
 */
public final class PortFileServerMain {

    private PortFileServerMain() {}

    public static void main(String[] args) throws IOException {
        System.out.println(
                "port-file server starting, pid " + ProcessHandle.current().pid());
        if (args.length > 1 && args[1].equals("exit")) {
            System.out.println("refusing to start: told to exit");
            System.exit(3);
        }
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Files.writeString(Path.of(args[0]), Integer.toString(socket.getLocalPort()), StandardCharsets.US_ASCII);
            while (true) {
                socket.accept().close();
            }
        }
    }
}
