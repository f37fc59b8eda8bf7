package dev.jstack.supervise;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A supervisor at rest: what runs in the small program that the supervisor replaces itself with while nothing is
 * due (no restart pending, no health check, no command). It keeps the supervisor's pid, socket and children, and
 * does three things only: answers {@code ping} and {@code stop}, asks every other request to come again (the
 * supervisor wakes for it), and every {@value #TICK_MILLIS} ms checks that the init processes it watches still
 * run. Whatever it cannot handle wakes the supervisor, which then judges with everything it knows.
 */
public final class Resting {
    static final long TICK_MILLIS = 500;
    /** The answer that asks a command to send its request again, to the supervisor that wakes for it. */
    public static final String AGAIN = "again";

    /** Why the rest ended. */
    public enum Wake {
        /** Asked to stop: the supervisor ends. */
        STOPPED,
        /** The project's run directory is gone ({@code down} ended without asking): the supervisor ends. */
        GONE,
        /** A command sent a request that the supervisor must handle awake. */
        REQUEST,
        /** A watched init process ended. */
        EXIT
    }

    private final ServerSocketChannel server;
    private final SupervisorFiles files;
    private final RestState state;
    private final Consumer<String> log;
    private final long pid = ProcessHandle.current().pid();

    public Resting(ServerSocketChannel server, SupervisorFiles files, RestState state, Consumer<String> log) {
        this.server = server;
        this.files = files;
        this.state = state;
        this.log = log;
    }

    /** Rests until something wakes or ends the supervisor; says which. */
    public Wake run() throws IOException {
        server.configureBlocking(false);
        try (Selector selector = Selector.open()) {
            server.register(selector, SelectionKey.OP_ACCEPT);
            while (true) {
                if (!Files.isDirectory(files.dir())) {
                    return Wake.GONE;
                }
                Optional<String> ended = state.firstEnded();
                if (ended.isPresent()) {
                    log.accept("service " + ended.get() + " ended: the supervisor wakes");
                    return Wake.EXIT;
                }
                selector.select(TICK_MILLIS);
                selector.selectedKeys().clear();
                for (SocketChannel client = server.accept(); client != null; client = server.accept()) {
                    Optional<Wake> wake = serve(client);
                    if (wake.isPresent()) {
                        return wake.get();
                    }
                }
            }
        }
    }

    private Optional<Wake> serve(SocketChannel client) {
        try (client) {
            client.configureBlocking(true);
            BufferedReader in = new BufferedReader(Channels.newReader(client, StandardCharsets.UTF_8));
            Writer out = Channels.newWriter(client, StandardCharsets.UTF_8);
            String verb = verb(in.readLine());
            switch (verb) {
                case "" -> {
                    return Optional.empty();
                }
                case "ping" -> {
                    reply(out, "ok " + pid);
                    return Optional.empty();
                }
                case "stop" -> {
                    reply(out, "ok");
                    return Optional.of(Wake.STOPPED);
                }
                default -> {
                    reply(out, AGAIN);
                    log.accept("a command asks for " + verb + ": the supervisor wakes");
                    return Optional.of(Wake.REQUEST);
                }
            }
        } catch (IOException e) {
            log.accept("a command's connection failed: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static void reply(Writer out, String answer) throws IOException {
        out.write(answer + "\n");
        out.flush();
    }

    private static String verb(String request) {
        String line = request == null ? "" : request.trim();
        int space = line.indexOf(' ');
        return space < 0 ? line : line.substring(0, space);
    }
}
