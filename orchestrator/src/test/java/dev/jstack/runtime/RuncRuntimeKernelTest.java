package dev.jstack.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jstack.runtime.ContainerSpec.ProcessSpec;
import dev.jstack.runtime.ContainerSpec.ResourceSpec;
import dev.jstack.runtime.UserResolver.ResolvedUser;
import dev.jstack.runtime.linux.LinuxInitSignals;
import dev.jstack.testing.BusyboxRootfs;
import dev.jstack.testing.KernelTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bundles written by BundleWriter, run by the real runc, checked from the host's side. */
@KernelTest
class RuncRuntimeKernelTest {

    private static final String NETNS = "jstack-test-bundle";
    /** CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, SETGID, SETUID, SETPCAP, NET_BIND_SERVICE, NET_RAW, SYS_CHROOT,
     * MKNOD, AUDIT_WRITE, SETFCAP: the mask every Docker container shows. */
    private static final String DOCKER_DEFAULT_BOUNDING = "00000000a80425fb";
    private static final String PREFIX = "bundletest-" + ProcessHandle.current().pid() + "-";

    @TempDir
    Path dir;

    private Path rootfs;
    private RuncRuntime runtime;
    private final List<String> created = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        rootfs = BusyboxRootfs.build(dir.resolve("rootfs"));
        runtime = new RuncRuntime("runc", dir.resolve("state"));
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (String id : created) {
            runtime.delete(id, true);
        }
        HostView.run("ip", "netns", "delete", NETNS);
    }

    @Test
    void aContainerLivesInItsOwnNamespacesWithItsLimitsAndLeavesNothingBehind() throws Exception {
        ResolvedUser app = UserResolver.resolve("app", rootfs);
        ContainerSpec spec = spec("web", null, List.of("sleep", "1000"), app,
                new ResourceSpec(64L * 1024 * 1024, 50_000L, 100_000L, 32L));
        int pid = runtime.create(spec, dir.resolve("web.log"));

        assertEquals(Optional.of(new ContainerStatus(spec.id(), "created", pid, spec.bundleDir())),
                runtime.state(spec.id()));
        for (String ns : List.of("pid", "mnt", "uts", "ipc", "cgroup")) {
            assertNotEquals(HostView.namespace("self", ns), HostView.namespace(pid, ns), ns + " namespace is new");
        }
        assertEquals(HostView.namespace("self", "net"), HostView.namespace(pid, "net"), "host network namespace");
        assertEquals("1000", HostView.statusField(pid, "Uid").split("\\s+")[1], "runs as app");
        assertEquals(DOCKER_DEFAULT_BOUNDING, HostView.statusField(pid, "CapBnd"));
        assertEquals("1", HostView.statusField(pid, "NoNewPrivs"));
        for (String masked : maskedPathsOfThisHost()) {
            assertTrue(HostView.mountOptions(pid, masked).isPresent(), masked + " is masked");
        }
        assertTrue(HostView.mountOptions(pid, "/proc/sys").orElseThrow().contains("ro"), "/proc/sys read-only");
        assertTrue(HostView.mountOptions(pid, "/sys").orElseThrow().contains("ro"), "/sys read-only");
        assertEquals("67108864", HostView.cgroupValue(pid, "memory", "memory.limit_in_bytes", "memory.max"));
        assertEquals("32", HostView.cgroupValue(pid, "pids", "pids.max", "pids.max"));
        assertTrue(!HostView.cgroupDirs(spec.id()).isEmpty(), "the container's cgroups exist while it does");

        runtime.start(spec.id());
        assertEquals("running", runtime.state(spec.id()).orElseThrow().status());
        assertEquals(List.of(spec.id()), runtime.list(PREFIX).stream().map(ContainerStatus::id).toList());
        assertEquals(7, runtime.exec(spec.id(), List.of("sh", "-c", "echo inside > /tmp/proof; exit 7"), false));
        assertEquals("inside\n", Files.readString(rootfs.resolve("tmp/proof")));
        RuntimeFailure badExec = assertThrows(RuntimeFailure.class,
                () -> runtime.exec(spec.id(), List.of("nosuch"), false));
        assertEquals("runc exec " + spec.id() + ": exec: \"nosuch\": executable file not found in $PATH",
                badExec.getMessage());

        runtime.kill(spec.id(), "KILL");
        awaitStatus(spec.id(), "stopped");
        runtime.delete(spec.id(), false);
        assertEquals(Optional.empty(), runtime.state(spec.id()));
        assertNotEquals(0, HostView.run("runc", "--root", dir.resolve("state").toString(), "state", spec.id()));
        assertEquals(List.of(), HostView.cgroupDirs(spec.id()));
    }

    @Test
    void aContainerJoinsTheGivenNetworkNamespace() throws Exception {
        assertEquals(0, HostView.run("ip", "netns", "add", NETNS));
        Path netns = Path.of("/run/netns", NETNS);
        ContainerSpec spec = spec("joiner", netns, List.of("sleep", "1000"), new ResolvedUser(0, 0, List.of()),
                ResourceSpec.NONE);
        int pid = runtime.create(spec, dir.resolve("joiner.log"));

        assertEquals(Files.getAttribute(netns, "unix:ino"), Files.getAttribute(HostView.nsPath(pid, "net"), "unix:ino"));
        assertNotEquals(HostView.namespace("self", "net"), HostView.namespace(pid, "net"));
        runtime.delete(spec.id(), true);
        assertEquals(Optional.empty(), runtime.state(spec.id()));
    }

    @Test
    void privilegedLiftsTheCapabilityLimitMasksAndReadOnlyPaths() throws Exception {
        ProcessSpec process = new ProcessSpec(List.of("sleep", "1000"), List.of(), "/", 0, 0, List.of(),
                Defaults.capabilities(List.of(), List.of(), true, Defaults.hostCapabilities()),
                Defaults.noNewPrivileges(true), List.of());
        ContainerSpec spec = new ContainerSpec(PREFIX + "priv", dir.resolve("bundles/priv"), rootfs, false, process,
                null, null, List.of(), ResourceSpec.NONE, true, new TreeMap<>());
        created.add(spec.id());
        int pid = runtime.create(spec, dir.resolve("priv.log"));

        assertEquals(HostView.statusField((int) ProcessHandle.current().pid(), "CapBnd"),
                HostView.statusField(pid, "CapBnd"), "the host's whole bounding set");
        assertEquals("0", HostView.statusField(pid, "NoNewPrivs"));
        for (String masked : maskedPathsOfThisHost()) {
            assertEquals(Optional.empty(), HostView.mountOptions(pid, masked), "nothing masks " + masked);
        }
        assertEquals(Optional.empty(), HostView.mountOptions(pid, "/proc/sys"), "/proc/sys is not remounted");
        assertTrue(HostView.mountOptions(pid, "/sys").orElseThrow().contains("rw"), "/sys writable");
    }

    @Test
    void theContainersOutputIsAppendedToItsLogFile() throws Exception {
        Path log = dir.resolve("logs/out.log");
        Files.createDirectories(log.getParent());
        Files.writeString(log, "earlier\n");
        ContainerSpec spec = spec("out", null, List.of("sh", "-c", "echo out; echo err >&2"),
                new ResolvedUser(0, 0, List.of()), ResourceSpec.NONE);
        runtime.create(spec, log);
        runtime.start(spec.id());
        awaitStatus(spec.id(), "stopped");
        assertEquals("earlier\nout\nerr\n", Files.readString(log));
    }

    @Test
    void aBadProgramFailsWithRuncsOwnMessageAndLeavesNothing() throws Exception {
        ContainerSpec spec = spec("bad", null, List.of("nosuch"), new ResolvedUser(0, 0, List.of()),
                ResourceSpec.NONE);
        RuntimeFailure e = assertThrows(RuntimeFailure.class, () -> runtime.create(spec, dir.resolve("bad.log")));
        assertEquals("runc create " + spec.id() + ": exec: \"nosuch\": executable file not found in $PATH",
                e.getMessage());
        assertEquals(Optional.empty(), runtime.state(spec.id()));
        assertEquals(List.of(), HostView.cgroupDirs(spec.id()));
    }

    @Test
    void anUnknownContainerHasNoState() throws Exception {
        assertEquals(Optional.empty(), runtime.state(PREFIX + "never-made"));
        assertEquals(List.of(), runtime.list(PREFIX));
        RuntimeFailure e = assertThrows(RuntimeFailure.class, () -> runtime.start(PREFIX + "never-made"));
        assertEquals("runc start " + PREFIX + "never-made: container does not exist", e.getMessage());
        // Its log goes to its stderr for these calls: the message is runc's all the same.
        RuntimeFailure kill = assertThrows(RuntimeFailure.class, () -> runtime.kill(PREFIX + "never-made", "KILL"));
        assertEquals("runc kill " + PREFIX + "never-made: container does not exist", kill.getMessage());
        RuntimeFailure delete = assertThrows(RuntimeFailure.class, () -> runtime.delete(PREFIX + "never-made", false));
        assertEquals("runc delete " + PREFIX + "never-made: container does not exist", delete.getMessage());
    }

    @Test
    void aRunningContainersInitIsSignalledAndAwaitedWithoutACallOfRunc() throws Exception {
        Path calls = dir.resolve("calls");
        RecordingSignals signals = new RecordingSignals();
        RuncRuntime direct = new RuncRuntime(loggingRunc(calls).toString(), dir.resolve("state"), signals);
        ContainerSpec spec = trapping("signalled", "USR1", "usr1");
        Path log = runUntilReady(direct, spec);
        assertFalse(direct.awaitStopped(spec.id(), Duration.ofMillis(200)), "it runs until signalled");

        direct.kill(spec.id(), "SIGUSR1");
        assertTrue(direct.awaitStopped(spec.id(), Duration.ofSeconds(20)), "it ended by its trap");
        assertEquals("stopped", direct.state(spec.id()).orElseThrow().status());
        assertEquals("ready\nusr1\n", Files.readString(log));
        assertEquals(List.of("run"), Files.readAllLines(calls), "runc was called to run it, and for nothing else");
        // The last wait went through the pidfd too, unless the shell had ended before it began.
        assertEquals(List.of("awaitEnd false", "send 10"), signals.calls.subList(0, 2),
                "awaited on a pidfd until the limit, then signalled by SIGUSR1's number");
        assertTrue(signals.calls.size() == 2 || signals.calls.subList(2, 3).equals(List.of("awaitEnd true")),
                signals.calls.toString());
    }

    @Test
    void aPausedContainerGetsARealTimeSignalFromRuncByItsNumber() throws Exception {
        Path calls = dir.resolve("calls");
        RuncRuntime direct = logged(calls);
        ContainerSpec spec = trapping("realtime", "37", "rtmin+3");
        Path log = runUntilReady(direct, spec);
        String root = dir.resolve("state").toString();
        assertEquals(0, HostView.run("runc", "--root", root, "pause", spec.id()));

        // runc names no signal beyond 31: SIGRTMIN+3 reaches it as 37, pending while the container is frozen.
        direct.kill(spec.id(), "SIGRTMIN+3");
        assertEquals(0, HostView.run("runc", "--root", root, "resume", spec.id()));
        assertTrue(direct.awaitStopped(spec.id(), Duration.ofSeconds(20)), "the shell ended by its trap of 37");
        assertEquals("ready\nrtmin+3\n", Files.readString(log));
        assertEquals(List.of("run", "kill"), Files.readAllLines(calls));
    }

    @Test
    void aPausedContainerIsLeftToRuncsKillWhichThawsItForSigkill() throws Exception {
        Path calls = dir.resolve("calls");
        RuncRuntime direct = logged(calls);
        ContainerSpec spec = sleeping("paused");
        direct.run(spec, dir.resolve("paused.log"));
        assertEquals(0, HostView.run("runc", "--root", dir.resolve("state").toString(), "pause", spec.id()));
        assertEquals("paused", direct.state(spec.id()).orElseThrow().status());

        direct.kill(spec.id(), "SIGKILL");
        assertTrue(direct.awaitStopped(spec.id(), Duration.ofSeconds(20)), "runc thawed it, and it died");
        assertEquals(List.of("run", "kill"), Files.readAllLines(calls));
    }

    @Test
    void aStoppedContainerIsRemovedWithoutACallOfRuncChildCgroupsAndAll() throws Exception {
        Path calls = dir.resolve("calls");
        RuncRuntime direct = logged(calls);
        ContainerSpec spec = sleeping("removed");
        direct.run(spec, dir.resolve("removed.log"));
        List<Path> groups = HostView.cgroupDirs(spec.id());
        assertTrue(groups.size() > 1, "the container has its cgroups: " + groups);
        // A group of the container's own, as a program inside may make one: runc's delete removes it too.
        Files.createDirectory(groups.get(0).resolve("inner"));

        direct.kill(spec.id(), "SIGKILL");
        assertTrue(direct.awaitStopped(spec.id(), Duration.ofSeconds(20)));
        direct.delete(spec.id(), false);

        assertEquals(List.of("run"), Files.readAllLines(calls), "runc was called to run it, and for nothing else");
        assertEquals(List.of(), HostView.cgroupDirs(spec.id()));
        assertFalse(Files.exists(groups.get(0).resolve("inner")));
        assertEquals(Optional.empty(), direct.state(spec.id()));
        String root = dir.resolve("state").toString();
        assertNotEquals(0, HostView.run("runc", "--root", root, "state", spec.id()), "runc knows it no more");
        assertNotEquals(0, HostView.run("runc", "--root", root, "delete", spec.id()), "nor delete it again");
    }

    @Test
    void aRunningContainerIsLeftToRuncsForcedDelete() throws Exception {
        Path calls = dir.resolve("calls");
        RuncRuntime direct = logged(calls);
        ContainerSpec spec = sleeping("forced");
        direct.run(spec, dir.resolve("forced.log"));

        direct.delete(spec.id(), true);

        assertEquals(List.of("run", "delete"), Files.readAllLines(calls));
        assertEquals(Optional.empty(), direct.state(spec.id()));
        assertEquals(List.of(), HostView.cgroupDirs(spec.id()));
    }

    @Test
    void theHostIsReadyForRunc() throws Exception {
        HostCheck.require("runc");
    }

    private ContainerSpec spec(String name, Path netns, List<String> args, ResolvedUser user, ResourceSpec limits) {
        String id = PREFIX + name;
        created.add(id);
        ProcessSpec process = new ProcessSpec(args, List.of(), "/", user.uid(), user.gid(), user.additionalGids(),
                Defaults.capabilities(List.of(), List.of(), false), Defaults.noNewPrivileges(false), List.of());
        return new ContainerSpec(id, dir.resolve("bundles").resolve(id), rootfs, false, process, name, netns,
                List.of(), limits, false, new TreeMap<>());
    }

    /** The default masked paths that exist here (runc masks only what exists); at least one, or the check is void. */
    private static List<String> maskedPathsOfThisHost() {
        List<String> existing = Defaults.MASKED_PATHS.stream().filter(p -> Files.exists(Path.of(p))).toList();
        assertTrue(!existing.isEmpty(), "no default masked path exists on this host");
        return existing;
    }

    /** The Linux signals, with each call written down: the number it sent, or what a wait answered. */
    private static final class RecordingSignals implements InitSignals {
        private final LinuxInitSignals linux = new LinuxInitSignals();
        final List<String> calls = new ArrayList<>();

        @Override
        public boolean send(int pid, long start, int signal) {
            calls.add("send " + signal);
            return linux.send(pid, start, signal);
        }

        @Override
        public Optional<Boolean> awaitEnd(int pid, long start, Duration limit) throws InterruptedException {
            Optional<Boolean> ended = linux.awaitEnd(pid, start, limit);
            calls.add("awaitEnd " + ended.map(String::valueOf).orElse("cannot"));
            return ended;
        }
    }

    /** runc through {@link #loggingRunc}, its containers' inits signalled by pidfd. */
    private RuncRuntime logged(Path calls) throws Exception {
        return new RuncRuntime(loggingRunc(calls).toString(), dir.resolve("state"), new LinuxInitSignals());
    }

    /** A container of root's that sleeps. */
    private ContainerSpec sleeping(String name) {
        return spec(name, null, List.of("sleep", "1000"), new ResolvedUser(0, 0, List.of()), ResourceSpec.NONE);
    }

    /**
     * A program named runc that writes the verb of each call to {@code calls}, then runs the real runc: the state
     * files are read as runc's all the same, as the runtime's name decides that.
     */
    private Path loggingRunc(Path calls) throws Exception {
        Path real = Arrays.stream(System.getenv("PATH").split(":")).map(d -> Path.of(d, "runc"))
                .filter(Files::isExecutable).findFirst().orElseThrow(() -> new AssertionError("no runc on PATH"));
        Path wrapper = dir.resolve("bin/runc");
        Files.createDirectories(wrapper.getParent());
        Files.writeString(wrapper, "#!/bin/sh\nfor a in \"$@\"; do case \"$a\" in "
                + "run|create|start|kill|delete|state|list|pause) echo \"$a\" >> '" + calls + "'; break;; esac; done\n"
                + "exec '" + real + "' \"$@\"\n");
        wrapper.toFile().setExecutable(true);
        return wrapper;
    }

    /**
     * A container whose shell, its init, writes {@code word} to its log and ends when {@code signal} comes: the
     * init of a PID namespace ignores every signal it has no handler for (but SIGKILL).
     */
    private ContainerSpec trapping(String name, String signal, String word) {
        return spec(name, null, List.of("sh", "-c", "trap 'echo " + word + "; exit 7' " + signal
                + "; echo ready; sleep 1000 & wait"), new ResolvedUser(0, 0, List.of()), ResourceSpec.NONE);
    }

    /** Runs {@code spec} and waits until its shell says ready, its trap set; returns its log. */
    private Path runUntilReady(RuncRuntime runtime, ContainerSpec spec) throws Exception {
        Path log = dir.resolve(spec.id() + ".log");
        runtime.run(spec, log);
        awaitLog(log, "ready\n");
        return log;
    }

    private static void awaitLog(Path log, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!(Files.exists(log) && Files.readString(log).equals(text))) {
            assertTrue(System.nanoTime() < deadline, log + " never read " + text);
            Thread.sleep(20);
        }
    }

    /** Waits for a status the container reaches by itself (its process ends); bounded so a hang fails. */
    private void awaitStatus(String id, String status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!runtime.state(id).map(ContainerStatus::status).orElse("").equals(status)) {
            assertTrue(System.nanoTime() < deadline, id + " never reached " + status);
            Thread.sleep(20);
        }
    }
}
