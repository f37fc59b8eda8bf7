package dev.jstack.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the host's kernel and the OCI runtime say, read by the tests themselves: namespace inodes of processes
 * and pins, interfaces of a namespace, mounts, cgroups, the runtime's containers. Never jstack's own report.
 */
final class Kernel {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Kernel() {
    }

    /** The pid of a container's init process, as runc reports it; 0 when runc does not know it. */
    static int pid(String container) {
        Shell.Result state = Shell.run("runc", "state", container);
        if (state.exitCode() != 0) return 0;
        try {
            JsonNode node = JSON.readTree(state.out());
            return node.path("status").asText().equals("running") ? node.path("pid").asInt() : 0;
        } catch (IOException e) {
            throw new AssertionError("runc state " + container + " printed no JSON: " + state.out(), e);
        }
    }

    /** The status of a container as runc reports it; "absent" when runc does not know it. */
    static String status(String container) {
        Shell.Result state = Shell.run("runc", "state", container);
        if (state.exitCode() != 0) return "absent";
        try {
            return JSON.readTree(state.out()).path("status").asText();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The inode of the namespace {@code kind} (net, pid, mnt, uts...) of a process: {@code readlink} of /proc. */
    static String namespace(int pid, String kind) {
        assertTrue(pid > 0, "no process to read a namespace from");
        return Shell.run("readlink", "/proc/" + pid + "/ns/" + kind).expectOk().out().trim();
    }

    /** The network namespace of the test's own process: the host's. */
    static String hostNetns() {
        return Shell.run("readlink", "/proc/self/ns/net").expectOk().out().trim();
    }

    /** The inode of a namespace file (a pin or an {@code ip netns add} name), as {@code net:[N]}. */
    static String netnsOfFile(Path file) {
        return "net:[" + Shell.run("stat", "-L", "-c", "%i", file.toString()).expectOk().out().trim() + "]";
    }

    /** {@code ip -o link} inside a named namespace under /run/netns. */
    static List<String> linksIn(String netnsName) {
        return Shell.run("ip", "netns", "exec", netnsName, "ip", "-o", "link").expectOk().out().lines().toList();
    }

    /** The interface names of {@code ip -o link} output ("1: lo: <...>" -> "lo"). */
    static List<String> interfaceNames(String ipOLink) {
        return ipOLink.lines().map(l -> l.split(":")[1].trim().replaceAll("@.*", "")).sorted().toList();
    }

    static List<String> netnsNames() {
        return Shell.run("ip", "netns", "list").expectOk().out().lines().map(l -> l.split(" ")[0]).toList();
    }

    static List<String> mountsContaining(String text) throws IOException {
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream().filter(l -> l.contains(text)).toList();
    }

    /** Directories under /sys/fs/cgroup whose name contains {@code text}. */
    static List<Path> cgroupsContaining(String text) throws IOException {
        try (Stream<Path> walk = Files.walk(Path.of("/sys/fs/cgroup"), 4)) {
            return walk.filter(p -> p.getFileName() != null && p.getFileName().toString().contains(text)).toList();
        }
    }

    /** The ids of runc's containers that start with {@code prefix}. */
    static List<String> runcContainers(String prefix) {
        // runc list fails when another process deletes a container while it reads its state dir: look again.
        Shell.Result list = Eventually.await("runc list", Duration.ofSeconds(10), () -> Shell.run("runc", "list", "-q"),
                r -> r.exitCode() == 0);
        return list.out().lines().filter(l -> l.startsWith(prefix)).toList();
    }

    /** True while {@code pid} is a live process; a zombie that its new parent has not reaped yet is dead. */
    static boolean processAlive(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return false;
        }
    }
}
