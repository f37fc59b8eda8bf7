package dev.jstack.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jstack.state.ProjectPaths;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resting program on a real Unix socket: what it answers, what wakes it, and a command's request that goes
 * again to the supervisor awake on the same listening socket.
 */
class RestingTest {
    private static final long PID = ProcessHandle.current().pid();

    @TempDir
    java.nio.file.Path tmp;

    private final List<String> log = new ArrayList<>();
    private SupervisorFiles files;
    private ServerSocketChannel server;

    @BeforeEach
    void listen() throws IOException {
        files = SupervisorFiles.of(new ProjectPaths("demo", tmp.resolve("run"), tmp.resolve("lib"),
                tmp.resolve("netns")));
        server = SupervisorSocket.open(files.socket());
    }

    @AfterEach
    void close() throws IOException {
        server.close();
    }

    private CompletableFuture<Resting.Wake> rest(RestState state) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new Resting(server, files, state, line -> {
                    synchronized (log) {
                        log.add(line);
                    }
                }).run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static RestState nothing() {
        return new RestState(new TreeMap<>(), new TreeMap<>(), new TreeSet<>());
    }

    @Test
    void pingIsAnsweredAndStopEndsTheRest() throws Exception {
        CompletableFuture<Resting.Wake> rest = rest(nothing());
        SupervisorClient client = new SupervisorClient(files.socket());
        assertEquals(PID, client.ping());
        assertTrue(client.send("stop", line -> { }).ok());
        assertEquals(Resting.Wake.STOPPED, rest.get(10, TimeUnit.SECONDS));
    }

    @Test
    void anyOtherRequestIsAskedToComeAgainAndWakesTheSupervisor() throws Exception {
        CompletableFuture<Resting.Wake> rest = rest(nothing());
        assertEquals("again", exchange("up --remove-orphans web"));
        assertEquals(Resting.Wake.REQUEST, rest.get(10, TimeUnit.SECONDS));
        assertEquals(List.of("a command asks for up: the supervisor wakes"), log);
    }

    @Test
    void theRequestGoesAgainToTheSupervisorAwakeOnTheSameSocket() throws Exception {
        CompletableFuture<Resting.Wake> rest = rest(nothing());
        CompletableFuture<SupervisorClient.Answer> answer = CompletableFuture.supplyAsync(() -> {
            try {
                return new SupervisorClient(files.socket()).send("restart web", line -> { });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertEquals(Resting.Wake.REQUEST, rest.get(10, TimeUnit.SECONDS));
        // The supervisor awake: the same listening socket, which the command's second connection waits on.
        server.configureBlocking(true);
        try (SocketChannel again = server.accept()) {
            BufferedReader in = new BufferedReader(Channels.newReader(again, StandardCharsets.UTF_8));
            assertEquals("restart web", in.readLine());
            Writer out = Channels.newWriter(again, StandardCharsets.UTF_8);
            out.write("progress Container demo-web-1  Started\nok done\n");
            out.flush();
        }
        assertEquals(new SupervisorClient.Answer(true, "done"), answer.get(10, TimeUnit.SECONDS));
    }

    @Test
    void anEndedInitProcessWakesTheSupervisor() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        RestState state = RestState.of(Map.of("web", (int) sleeper.pid()), Map.of(), new TreeSet<>()).orElseThrow();
        CompletableFuture<Resting.Wake> rest = rest(state);
        assertEquals(PID, new SupervisorClient(files.socket()).ping(), "resting while web runs");
        sleeper.destroyForcibly().waitFor();
        assertEquals(Resting.Wake.EXIT, rest.get(10, TimeUnit.SECONDS));
        assertEquals(List.of("service web ended: the supervisor wakes"), log);
    }

    @Test
    void theProjectsRunDirectoryGoneEndsTheRest() throws Exception {
        CompletableFuture<Resting.Wake> rest = rest(nothing());
        Files.delete(files.socket());
        Files.delete(files.dir());
        assertEquals(Resting.Wake.GONE, rest.get(10, TimeUnit.SECONDS));
    }

    private String exchange(String request) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(files.socket()));
            Writer out = Channels.newWriter(channel, StandardCharsets.UTF_8);
            out.write(request + "\n");
            out.flush();
            return new BufferedReader(Channels.newReader(channel, StandardCharsets.UTF_8)).readLine();
        }
    }
}
