package dev.jstack.supervise;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Owns how a supervisor comes by its listening socket: inherited as standard input from the program it replaced
 * (the socket then never stopped listening, see {@code ProcessImage}), or bound anew by a supervisor that a command
 * started.
 */
public final class SupervisorSocket {
    private SupervisorSocket() {
    }

    /** The socket listening on {@code path}: the inherited one when it is that, else a new one. */
    public static ServerSocketChannel open(Path path) throws IOException {
        Channel inherited = System.inheritedChannel();
        if (inherited instanceof ServerSocketChannel server
                && UnixDomainSocketAddress.of(path).equals(server.getLocalAddress())) {
            return server;
        }
        Files.createDirectories(path.getParent());
        Files.deleteIfExists(path);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        return server;
    }
}
