package dev.jstack.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jstack.apply.EtcFiles;
import dev.jstack.apply.Executor;
import dev.jstack.apply.Identities;
import dev.jstack.apply.MountTable;
import dev.jstack.apply.Operations;
import dev.jstack.apply.Project;
import dev.jstack.runtime.ContainerStatus;
import dev.jstack.runtime.ProcessReaper;
import dev.jstack.spec.Stack;
import dev.jstack.state.ProjectPaths;
import dev.jstack.state.RecordStore;
import dev.jstack.testing.FakePins;
import dev.jstack.testing.FakeRuntime;
import dev.jstack.testing.Stacks;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor's socket requests against the fake runtime: {@code start} and {@code restart} are planned and
 * applied by the supervisor as the commands would plan them, and lift the user's stop marks.
 */
class SupervisorRequestsTest {
    private static final String WEB = "demo-web-1";
    private static final String CLIENT = "demo-client-1";

    @TempDir
    Path tmp;

    private final FakeRuntime runtime = new FakeRuntime();
    private final List<String> log = new ArrayList<>();
    private ProjectPaths paths;
    private FakePins pins;
    private SupervisorFiles files;
    private Thread thread;
    private ServerSocketChannel server;

    @BeforeEach
    void startSupervisor() throws Exception {
        paths = new ProjectPaths("demo", tmp.resolve("run"), tmp.resolve("lib"), tmp.resolve("netns"));
        files = SupervisorFiles.of(paths);
        pins = new FakePins(tmp.resolve("netns"));
        Path etc = Files.createDirectories(tmp.resolve("host-etc"));
        Files.writeString(etc.resolve("hosts"), "127.0.0.1\tlocalhost\n");
        Files.writeString(etc.resolve("resolv.conf"), "nameserver 192.0.2.53\n");
        Supervisor supervisor = new Supervisor(progress -> project(), files, ProcessReaper.NONE, Clock.systemUTC(),
                line -> {
                    synchronized (log) {
                        log.add(line);
                    }
                }, Optional.empty());
        server = SupervisorSocket.open(files.socket());
        thread = new Thread(() -> {
            try {
                supervisor.run(server, Optional.empty());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "supervisor");
        thread.start();
        SupervisorClient client = new SupervisorClient(files.socket());
        while (client.ping() == 0 && thread.isAlive()) {
            Thread.sleep(10);
        }
        assertTrue(thread.isAlive(), "the supervisor runs");
    }

    @AfterEach
    void stopSupervisor() throws Exception {
        new SupervisorClient(files.socket()).send("stop", line -> { });
        thread.join();
        server.close();
    }

    private Project project() {
        Stack stack = Stacks.named("demo").service("web", "none").service("client", "service:web").build();
        Operations.Host host = new Operations.Host(runtime, pins, pins, paths, new RecordStore(paths, w -> { }),
                (c, pid, netns) -> { }, new MountTable(tmp.resolve("none")));
        return new Project(stack, host, (rootfs, user) -> Identities.Identity.ROOT,
                new EtcFiles(tmp.resolve("host-etc")), new Executor(2), line -> { });
    }

    private SupervisorClient.Answer send(String request) throws Exception {
        List<String> lines = new ArrayList<>();
        SupervisorClient.Answer answer = new SupervisorClient(files.socket()).send(request, lines::add);
        assertTrue(answer.ok(), () -> request + ": " + answer.text() + "\n" + lines);
        return answer;
    }

    private int pid(String container) {
        return runtime.state(container).filter(ContainerStatus::isRunning).map(ContainerStatus::pid).orElse(0);
    }

    @Test
    void startBringsBackAStoppedServiceAndLiftsItsMark() throws Exception {
        send("up");
        int client = pid(CLIENT);
        runtime.exit(WEB);
        StoppedServices.of(files).add(List.of("web"));

        send("start web");

        assertNotEquals(0, pid(WEB), "web runs again");
        assertEquals(client, pid(CLIENT), "its joiner is untouched");
        assertEquals(Set.of(), StoppedServices.of(files).read(), "web's restart policy applies again");
    }

    @Test
    void restartReplacesOnlyTheNamedServiceInItsPin() throws Exception {
        send("up");
        int web = pid(WEB);
        int client = pid(CLIENT);

        send("restart web");

        assertNotEquals(0, pid(WEB));
        assertNotEquals(web, pid(WEB), "web is a new container");
        assertEquals(client, pid(CLIENT), "client keeps its process in web's pin");
    }

    @Test
    void anUnknownRequestIsRefusedByName() throws Exception {
        SupervisorClient.Answer answer = new SupervisorClient(files.socket()).send("pause web", line -> { });
        assertFalse(answer.ok());
        assertEquals("unknown request: pause web", answer.text());
    }
}
