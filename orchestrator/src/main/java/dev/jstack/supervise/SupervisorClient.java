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
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The command side of the supervisor's socket. One request per connection, one line each way per message:
 * {@code ping}, {@code stop}, {@code up [--remove-orphans] [SERVICE...]}, {@code start [SERVICE...]} or
 * {@code restart [SERVICE...]}; the supervisor answers with
 * {@code progress TEXT}, {@code warning TEXT} and {@code event JSON} lines and ends with {@code ok [TEXT]} or
 * {@code error TEXT}; a resting supervisor answers a request it cannot handle with {@code again}.
 */
public final class SupervisorClient {
    /** How long a request waits for a resting supervisor to wake: a JVM's start and a load of the stack. */
    static final Duration WAKE_LIMIT = Duration.ofSeconds(60);
    private static final long AGAIN_PAUSE_MILLIS = 20;
    private final Path socket;

    public SupervisorClient(Path socket) {
        this.socket = socket;
    }

    /** What a request ended with. */
    public record Answer(boolean ok, String text) {
    }

    /**
     * Sends {@code request}; the lines before the answer go whole to {@code progress}. Fails when nobody listens
     * on the socket. A resting supervisor answers {@value Resting#AGAIN} to what it cannot handle and wakes: the
     * request goes again, to the supervisor awake, for up to {@link #WAKE_LIMIT}.
     */
    public Answer send(String request, Consumer<String> progress) throws IOException {
        long deadline = System.nanoTime() + WAKE_LIMIT.toNanos();
        for (Optional<Answer> answer = sendOnce(request, progress); ; answer = sendOnce(request, progress)) {
            if (answer.isPresent()) {
                return answer.get();
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the supervisor on " + socket + " did not wake within "
                        + WAKE_LIMIT.toSeconds() + " s");
            }
            try {
                Thread.sleep(AGAIN_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the supervisor wakes");
            }
        }
    }

    // One connection: the answer, or empty when the supervisor asks for the request again.
    private Optional<Answer> sendOnce(String request, Consumer<String> progress) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            Writer out = Channels.newWriter(channel, StandardCharsets.UTF_8);
            out.write(request + "\n");
            out.flush();
            BufferedReader in = new BufferedReader(Channels.newReader(channel, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.equals("ok") || line.startsWith("ok ")) {
                    return Optional.of(new Answer(true, line.length() > 3 ? line.substring(3) : ""));
                } else if (line.startsWith("error ")) {
                    return Optional.of(new Answer(false, line.substring("error ".length()).replace("\\n", "\n")));
                } else if (line.equals(Resting.AGAIN)) {
                    return Optional.empty();
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
