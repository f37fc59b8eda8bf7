package dev.jstack.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which stopped containers jstack removes without runc, read from a state file runc 1.1.5 wrote (its cgroups
 * moved to directories of this test), and what the removal leaves. The real cgroups and runc are
 * RuncRuntimeKernelTest's.
 */
class RuncRemovalsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "p-web-1";
    private static final int SELF = (int) ProcessHandle.current().pid();

    @TempDir
    Path root;
    @TempDir
    Path cgroupMounts;

    private RuncStateFiles files;

    @BeforeEach
    void setUp() {
        files = new RuncStateFiles(root, cgroupMounts);
    }

    @Test
    void aStoppedPlainContainerLosesItsCgroupsAndStateDirectoryAndBecomesUnknown() throws Exception {
        List<Path> groups = writeState(ID, state -> { });
        Files.createFile(root.resolve(ID).resolve("exec.fifo"));

        assertTrue(new RuncRemovals(files).remove(ID));

        for (Path group : groups) {
            assertFalse(Files.exists(group), group + " is removed");
            assertTrue(Files.isDirectory(group.getParent()), "its hierarchy stays");
        }
        assertFalse(Files.exists(root.resolve(ID)));
        assertEquals(RuncStateFiles.Answer.ABSENT, files.state(ID));
    }

    @Test
    void childGroupsGoFirstAndAGroupGoneAlreadyIsNoObstacle() throws Exception {
        List<Path> groups = writeState(ID, state -> { });
        Files.createDirectories(groups.get(0).resolve("inner/deeper"));
        Files.delete(groups.get(1));

        assertTrue(new RuncRemovals(files).remove(ID));

        assertEquals(List.of(), groups.stream().filter(Files::exists).toList());
    }

    @Test
    void aGroupThatStaysBusyLeavesTheContainerToRuncWithItsStateFile() throws Exception {
        List<Path> groups = writeState(ID, state -> { });
        // rmdir fails on a directory holding a file, as it fails on a cgroup that still holds a task.
        Files.writeString(groups.get(0).resolve("tasks"), "1\n");

        assertFalse(new RuncRemovals(files).remove(ID));

        assertTrue(Files.exists(groups.get(0)));
        assertTrue(Files.exists(root.resolve(ID).resolve("state.json")), "runc can still find and delete it");
    }

    @Test
    void theStateFileAsRunc115WroteItIsAPlainTeardown() throws Exception {
        List<Path> groups = writeState(ID, state -> { });

        RuncStateFiles.Leftovers leftovers = files.stoppedLeftovers(ID).orElseThrow();

        assertEquals(root.resolve(ID), leftovers.stateDir());
        assertEquals(groups.stream().sorted().toList(), leftovers.cgroups());
        assertEquals(10, groups.size(), "runc 1.1.5 on a hybrid host: nine v1 controllers and the unified group");
    }

    @Test
    void aRunningInitIsNotRemoved() throws Exception {
        long start = selfStart();
        writeState(ID, state -> state.put("init_process_pid", SELF).put("init_process_start", start));

        assertEquals(Optional.empty(), files.stoppedLeftovers(ID));
        assertFalse(new RuncRemovals(files).remove(ID));
        assertTrue(Files.exists(root.resolve(ID).resolve("state.json")));
    }

    @Test
    void whatRuncsDeleteDoesBeyondCgroupsAndTheDirectoryIsLeftToRunc() throws Exception {
        List<Consumer<ObjectNode>> more = List.of(
                state -> hooks(state).putArray("poststop").addObject().put("path", "/bin/true"),
                state -> ((ObjectNode) state.get("config").get("cgroups")).put("Systemd", true),
                state -> ((ObjectNode) state.get("config").get("cgroups")).put("Rootless", true),
                state -> ((ObjectNode) state.get("config").get("cgroups")).remove("Systemd"),
                state -> state.put("rootless", true),
                state -> state.put("intel_rdt_path", "/sys/fs/resctrl/p"),
                state -> ((ObjectNode) state.get("config")).put("rootless_euid", true),
                state -> ((ObjectNode) state.get("config")).putObject("net_devices").putObject("eth1"),
                state -> pidNamespace(state).put("path", "/proc/1/ns/pid"),
                state -> ((ArrayNode) state.get("config").get("namespaces")).remove(0),
                state -> state.remove("cgroup_paths"),
                state -> ((ObjectNode) state.get("cgroup_paths")).put("pids", cgroupMounts.resolve("pids").toString()),
                state -> ((ObjectNode) state.get("cgroup_paths")).put("pids", "/sys/fs/cgroup/pids/p-web-1"),
                state -> ((ObjectNode) state.get("cgroup_paths")).put("pids", "relative/p-web-1"),
                state -> ((ObjectNode) state.get("cgroup_paths")).put("pids", cgroupMounts + "/pids/a\u0000b"),
                state -> ((ObjectNode) state.get("config")).putObject("intel_rdt").put("closID", "p"),
                state -> ((ObjectNode) state.get("config")).put("Hooks", "of another shape"),
                state -> state.put("config", "unreadable"));
        for (int i = 0; i < more.size(); i++) {
            String id = "p-case" + i + "-1";
            List<Path> groups = writeState(id, more.get(i));

            assertTrue(files.state(id).known(), "case " + i + " is still read as a status");
            assertEquals(Optional.empty(), files.stoppedLeftovers(id), "case " + i);
            assertFalse(new RuncRemovals(files).remove(id), "case " + i);
            assertTrue(groups.stream().allMatch(Files::exists), "case " + i + " leaves every group");
            assertTrue(Files.exists(root.resolve(id).resolve("state.json")), "case " + i);
        }
    }

    @Test
    void onCgroupV2AloneTheGroupLiesRightBelowTheCgroupMounts() throws Exception {
        Path group = Files.createDirectories(cgroupMounts.resolve("jstack-p-web-1"));
        List<Path> v1 = writeState(ID, state -> state.putObject("cgroup_paths").put("", group.toString()));
        v1.forEach(p -> p.toFile().delete());

        assertEquals(Optional.empty(), files.stoppedLeftovers(ID), "a hierarchy's root, unless the mounts are one");
        Files.createFile(cgroupMounts.resolve("cgroup.controllers"));
        assertTrue(new RuncRemovals(files).remove(ID));

        assertFalse(Files.exists(group));
        assertFalse(Files.exists(root.resolve(ID)));
    }

    @Test
    void aPoststopHookOfNullOrNoneEmptyNetDevicesAndAStrayNamespaceEntryStayPlain() throws Exception {
        writeState("p-a-1", state -> hooks(state).putNull("poststop"));
        writeState("p-b-1", state -> hooks(state).putArray("poststop"));
        writeState("p-c-1", state -> ((ObjectNode) state.get("config")).putNull("Hooks"));
        writeState("p-d-1", state -> ((ObjectNode) state.get("config")).putObject("net_devices"));
        writeState("p-e-1", state -> ((ArrayNode) state.get("config").get("namespaces")).insert(0, "NEWNS"));

        for (String id : List.of("p-a-1", "p-b-1", "p-c-1", "p-d-1", "p-e-1")) {
            assertTrue(files.stoppedLeftovers(id).isPresent(), id);
        }
    }

    @Test
    void anAbsentContainerIsLeftToRuncsMessage() throws Exception {
        assertFalse(new RuncRemovals(files).remove("p-never-1"));
        assertFalse(new RuncRemovals(null).remove(ID), "a runtime whose files jstack does not read");
    }

    private static ObjectNode hooks(ObjectNode state) {
        return (ObjectNode) state.get("config").get("Hooks");
    }

    private static ObjectNode pidNamespace(ObjectNode state) {
        for (var ns : state.get("config").get("namespaces")) {
            if (ns.get("type").asText().equals("NEWPID")) {
                return (ObjectNode) ns;
            }
        }
        throw new AssertionError("runc's file has a PID namespace");
    }

    /**
     * Writes runc 1.1.5's state file as container {@code id} of a stopped init (pid 0), with every cgroup moved to
     * a new directory under this test's cgroup mounts, changed by {@code change}; returns those directories.
     */
    private List<Path> writeState(String id, Consumer<ObjectNode> change) throws IOException {
        ObjectNode state;
        try (InputStream in = RuncRemovalsTest.class.getResourceAsStream("/runc/state-1.1.5.json")) {
            state = (ObjectNode) JSON.readTree(in);
        }
        state.put("id", id).put("init_process_pid", 0);
        ObjectNode paths = (ObjectNode) state.get("cgroup_paths");
        List<String> keys = new ArrayList<>();
        paths.fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
            String hierarchy = Path.of(paths.get(key).asText()).getParent().getFileName().toString();
            Path group = Files.createDirectories(cgroupMounts.resolve(hierarchy).resolve("jstack-" + id));
            paths.put(key, group.toString());
        }
        List<Path> groups = keys.stream().map(k -> Path.of(paths.get(k).asText())).toList();
        change.accept(state);
        Files.createDirectories(root.resolve(id));
        Files.writeString(root.resolve(id).resolve("state.json"), JSON.writeValueAsString(state));
        return groups;
    }

    private static long selfStart() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII);
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19]);
    }
}
