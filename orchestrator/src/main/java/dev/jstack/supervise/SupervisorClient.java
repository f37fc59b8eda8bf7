package dev.jstack.supervise;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The command side of the supervisor's socket. One request per connection, one line each way per message:
 * {@code ping}, {@code stop}, {@code up [--remove-orphans] [SERVICE...]}, {@code start [SERVICE...]} or
 * {@code restart [SERVICE...]}; the supervisor answers with
 * {@code progress TEXT}, {@code warning TEXT} and {@code event JSON} lines and ends with {@code ok [TEXT]} or
 * {@code error TEXT}.
 */
public final class SupervisorClient {
    private final Path socket;

    public SupervisorClient(Path socket) {
        this.socket = socket;
    }

    /** What a request ended with. */
    public record Answer(boolean ok, String text) {
    }

    /**
     * Sends {@code request}; the lines before the answer go whole to {@code progress}. Fails when nobody listens
     * on the socket.
     */
    public Answer send(String request, Consumer<String> progress) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            Writer out = Channels.newWriter(channel, StandardCharsets.UTF_8);
            out.write(request + "\n");
            out.flush();
            BufferedReader in = new BufferedReader(Channels.newReader(channel, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.equals("ok") || line.startsWith("ok ")) {
                    return new Answer(true, line.length() > 3 ? line.substring(3) : "");
                } else if (line.startsWith("error ")) {
                    return new Answer(false, line.substring("error ".length()).replace("\\n", "\n"));
                }
                progress.accept(line);
            }
            throw new IOException("the supervisor closed " + socket + " without an answer");
        }
    }

    /** The supervisor's pid when it answers, else 0. */
    public int ping() {
        try {
            Answer answer = send("ping", line -> { });
            return answer.ok() ? Integer.parseInt(answer.text().trim()) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
