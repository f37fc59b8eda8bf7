package dev.jstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@Scenario
@DisplayName("down leaves nothing of the project: no process, mount, pin, cgroup, runtime state or record")
class LeftoversTest {
    private static final Jstack JSTACK = new Jstack("leftovers");
    private static final List<String> SERVICES = List.of("router", "server", "probe", "watcher");
    private static final Path DATA = Path.of("/tmp/jstack-e2e-leftovers");
    private static final Path VOLUME = Path.of("/var/lib/jstack/volumes/e2e-leftovers_cache");

    @AfterAll
    static void cleanUp() throws Exception {
        JSTACK.run("down", "-t", "1", "-v");
        Shell.run("rm", "-rf", DATA.toString());
    }

    @Test
    @DisplayName("volumes, limits, user and read_only apply while up; after down nothing remains but the named volume")
    void upThenDownLeavesNothing() throws Exception {
        JSTACK.run("down", "-t", "1", "-v");
        Shell.run("rm", "-rf", DATA.toString());
        JSTACK.run("up", "-d").expectOk();

        List<Integer> pids = SERVICES.stream().map(s -> Kernel.pid(JSTACK.container(s))).toList();
        pids.forEach(pid -> assertTrue(pid > 0, "every service runs: " + pids));
        Eventually.await("router's file in the bind-mounted /data", Duration.ofSeconds(30),
                () -> Files.exists(DATA.resolve("data/router-was-here")), done -> done);
        assertTrue(Files.isDirectory(VOLUME), "the named volume's directory exists");
        assertEquals("tmpfs", Files.getFileStore(Path.of("/run/jstack", JSTACK.project())).type(),
                "the project's run directory is on a tmpfs, jstack's own where /run is not one");
        assertEquals("67108864", Cgroups.limit(pids.get(0), "memory", "memory.limit_in_bytes", "memory.max"));
        assertEquals("50", Cgroups.limit(pids.get(0), "pids", "pids.max", "pids.max"));
        String quota = Cgroups.limit(pids.get(0), "cpu", "cpu.cfs_quota_us", "cpu.max");
        assertEquals("50000", quota.split(" ")[0], "cpus: 0.5 is half of each 100ms period");
        assertTrue(Files.readAllLines(Path.of("/proc/" + pids.get(0) + "/limits")).stream()
                .anyMatch(l -> l.matches("Max open files\\s+1024\\s+2048\\s+files\\s*")), "ulimits: nofile");
        assertTrue(Files.readAllLines(Path.of("/proc/" + pids.get(3) + "/status")).stream()
                .anyMatch(l -> l.matches("Uid:\\s+65534\\s+65534\\s+65534\\s+65534")), "user: 65534");
        assertNotEquals(0, JSTACK.run("exec", "watcher", "touch", "/read-only-root").exitCode());
        assertEquals(0, JSTACK.run("exec", "watcher", "touch", "/tmp/private").exitCode());
        assertFalse(Kernel.mountsContaining(JSTACK.project()).isEmpty(), "sanity: the project has mounts");
        String sharedRoot = "/run/jstack/" + JSTACK.project() + "/hostroot";
        assertEquals(List.of(), Kernel.mountsContaining(JSTACK.project()).stream().map(l -> l.split(" ")[4])
                .filter(p -> !p.startsWith(sharedRoot + "/") && !p.equals(sharedRoot) && !p.startsWith("/run/netns/"))
                .toList(), "the four rootfs: host containers share the project's one bind of the host's root");
        assertFalse(Kernel.cgroupsContaining(JSTACK.project()).isEmpty(), "sanity: the project has cgroups");

        JSTACK.down();

        pids.forEach(pid -> assertFalse(Kernel.processAlive(pid), "process " + pid + " is gone"));
        assertEquals(List.of(), Kernel.mountsContaining(JSTACK.project()));
        assertEquals(List.of(), Kernel.netnsNames().stream().filter(n -> n.contains(JSTACK.project())).toList());
        assertEquals(List.of(), Kernel.cgroupsContaining(JSTACK.project()));
        assertEquals(List.of(), Kernel.runcContainers(JSTACK.project() + "-"));
        assertFalse(Files.exists(Path.of("/run/jstack", JSTACK.project())), "no /run/jstack/<project>");
        for (String s : SERVICES) {
            assertFalse(Files.exists(Path.of("/var/lib/jstack/containers", JSTACK.container(s))), s);
            assertFalse(Files.exists(Path.of("/var/lib/jstack/logs", JSTACK.container(s) + ".log")), s + "'s log");
        }
        assertTrue(Files.isDirectory(VOLUME), "down keeps named volumes");
        assertTrue(Files.exists(DATA.resolve("data/router-was-here")), "down keeps bind-mounted data");

        JSTACK.run("down", "-v").expectOk();
        assertFalse(Files.exists(VOLUME), "down -v removes named volumes");
    }
}
