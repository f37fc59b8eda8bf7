package dev.jstack.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Statuses derived from runc's state files, with this test's own process standing in for a container's init. */
class RuncStateFilesTest {
    @TempDir
    Path root;

    private static final int SELF = (int) ProcessHandle.current().pid();

    @Test
    void aLiveInitWithoutExecFifoIsRunningWithItsPidAndBundle() throws IOException {
        writeState("p-web-1", SELF, selfStart());
        Optional<ContainerStatus> status = new RuncStateFiles(root).state("p-web-1").status();
        assertEquals(Optional.of(new ContainerStatus("p-web-1", "running", SELF, Path.of("/run/jstack/p/b/p-web-1"))),
                status);
    }

    @Test
    void anExecFifoMeansCreatedNotYetStarted() throws IOException {
        writeState("p-web-1", SELF, selfStart());
        Files.createFile(root.resolve("p-web-1/exec.fifo"));
        assertEquals("created", new RuncStateFiles(root).state("p-web-1").status().orElseThrow().status());
    }

    @Test
    void anotherProcessUnderTheSamePidIsStoppedWithPidZero() throws IOException {
        writeState("p-web-1", SELF, selfStart() + 1);
        ContainerStatus status = new RuncStateFiles(root).state("p-web-1").status().orElseThrow();
        assertEquals("stopped", status.status());
        assertEquals(0, status.pid());
    }

    @Test
    void theInitPidOfAStoppedContainerIsStillTheOneRuncRecorded() throws IOException {
        writeState("p-web-1", SELF, selfStart() + 1);
        RuncStateFiles files = new RuncStateFiles(root);
        assertEquals("stopped", files.state("p-web-1").status().orElseThrow().status());
        assertEquals(java.util.OptionalInt.of(SELF), files.initPid("p-web-1"));
        assertEquals(java.util.OptionalInt.empty(), files.initPid("p-gone-1"));
    }

    @Test
    void aMissingContainerIsKnownAbsentAndAnUnreadableOneIsLeftToTheCli() throws IOException {
        RuncStateFiles files = new RuncStateFiles(root);
        assertTrue(files.state("p-gone-1").known());
        assertTrue(files.state("p-gone-1").status().isEmpty());
        Files.createDirectories(root.resolve("p-half-1"));
        Files.writeString(root.resolve("p-half-1/state.json"), "{\"id\": ");
        assertFalse(files.state("p-half-1").known());
        assertTrue(files.list("p-").isEmpty(), "one unreadable file sends the whole list to the CLI");
    }

    @Test
    void listKeepsTheProjectsPrefixInIdOrder() throws IOException {
        writeState("p-web-1", SELF, selfStart());
        writeState("p-db-1", SELF, selfStart() + 1);
        writeState("other-web-1", SELF, selfStart());
        List<String> ids = new RuncStateFiles(root).list("p-").orElseThrow().stream()
                .map(c -> c.id() + " " + c.status()).toList();
        assertEquals(List.of("p-db-1 stopped", "p-web-1 running"), ids);
    }

    @Test
    void onlyTheConfigsOwnLabelsNameTheBundleHoweverDeepTheRestNests() throws IOException {
        Path dir = Files.createDirectories(root.resolve("p-web-1"));
        Files.writeString(dir.resolve("state.json"), "{\"id\":\"p-web-1\",\"init_process_pid\":" + SELF
                + ",\"init_process_start\":" + selfStart() + ",\"created\":\"2026-11-28T06:38:00Z\","
                + "\"config\":{\"rootfs\":\"/r\",\"mounts\":[{\"destination\":\"/proc\",\"labels\":"
                + "[\"bundle=/wrong\"]},{\"flags\":[1,2,{\"labels\":{}}]}],\"hooks\":null,\"labels\":"
                + "[\"dev.jstack.project=p\",\"bundle=/run/jstack/p/b/p-web-1\"],\"rlimits\":[]},"
                + "\"rootless\":false,\"cgroup_paths\":{\"cpu\":\"/sys/fs/cgroup/cpu/p\",\"\":\"/nowhere\"},"
                + "\"namespace_paths\":{\"NEWNET\":\"/run/netns/x\"},\"external_descriptors\":[\"/dev/null\"]}");

        assertEquals(Optional.of(new ContainerStatus("p-web-1", "running", SELF, Path.of("/run/jstack/p/b/p-web-1"))),
                new RuncStateFiles(root).state("p-web-1").status());
    }

    @Test
    void aFrozenFreezerOrUnifiedCgroupIsPaused(@TempDir Path cgroups) throws IOException {
        Path freezer = Files.createDirectories(cgroups.resolve("freezer"));
        Files.writeString(freezer.resolve("freezer.state"), "FROZEN\n");
        Path unified = Files.createDirectories(cgroups.resolve("unified"));
        Files.writeString(unified.resolve("cgroup.freeze"), "1\n");
        writeState("p-v1-1", SELF, selfStart(), "{\"freezer\":\"" + freezer + "\"}");
        writeState("p-v2-1", SELF, selfStart(), "{\"\":\"" + unified + "\"}");

        List<String> statuses = new RuncStateFiles(root).list("p-").orElseThrow().stream()
                .map(c -> c.id() + " " + c.status()).toList();

        assertEquals(List.of("p-v1-1 paused", "p-v2-1 paused"), statuses);
    }

    @Test
    void aStateWithoutIdOrWithAStrangeLabelIsLeftToTheCli() throws IOException {
        Path dir = Files.createDirectories(root.resolve("p-noid-1"));
        Files.writeString(dir.resolve("state.json"), "{\"init_process_pid\":1,\"config\":{\"labels\":[]}}");
        Path odd = Files.createDirectories(root.resolve("p-odd-1"));
        Files.writeString(odd.resolve("state.json"), "{\"id\":\"p-odd-1\",\"config\":{\"labels\":[7]}}");

        assertFalse(new RuncStateFiles(root).state("p-noid-1").known());
        assertFalse(new RuncStateFiles(root).state("p-odd-1").known());
    }

    @Test
    void aVersionOfAStateFileIsParsedOnceAndEachNewOneAgain() throws IOException {
        RuncStateFiles files = new RuncStateFiles(root);
        writeState("p-web-1", SELF, selfStart());
        Path file = root.resolve("p-web-1/state.json");
        assertEquals(Path.of("/run/jstack/p/b/p-web-1"), files.state("p-web-1").status().orElseThrow().bundle());

        // The same file, time and size: the same version, not read again (runc never writes a file in place).
        var modified = Files.getLastModifiedTime(file);
        Files.writeString(file, Files.readString(file).replace("/b/p-web-1", "/x/p-web-1"));
        Files.setLastModifiedTime(file, modified);
        assertEquals(Path.of("/run/jstack/p/b/p-web-1"), files.state("p-web-1").status().orElseThrow().bundle());

        // As runc writes it: a whole new file renamed over the old one.
        Path next = root.resolve("p-web-1/state.json.tmp");
        Files.writeString(next, Files.readString(file).replace("/x/p-web-1", "/y/p-web-1"));
        Files.move(next, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        assertEquals(Path.of("/run/jstack/p/y/p-web-1"), files.state("p-web-1").status().orElseThrow().bundle());
        assertEquals(SELF, files.runningInit("p-web-1").orElseThrow().pid());

        Files.delete(file);
        Files.delete(file.getParent());
        assertEquals(RuncStateFiles.Answer.ABSENT, files.state("p-web-1"));
        assertEquals(Optional.empty(), files.runningInit("p-web-1"));
    }

    @Test
    void aStateDirectoryWithoutItsFileIsFileless() throws IOException {
        RuncStateFiles files = new RuncStateFiles(root);
        writeState("p-web-1", SELF, selfStart());
        Files.createDirectories(root.resolve("p-cut-1"));

        assertTrue(files.fileless("p-cut-1"));
        assertFalse(files.fileless("p-web-1"));
        assertFalse(files.fileless("p-never-1"));
    }

    private void writeState(String id, int pid, long start) throws IOException {
        writeState(id, pid, start, "{}");
    }

    private void writeState(String id, int pid, long start, String cgroupPaths) throws IOException {
        Path dir = Files.createDirectories(root.resolve(id));
        Files.writeString(dir.resolve("state.json"), "{\"id\":\"" + id + "\",\"init_process_pid\":" + pid
                + ",\"init_process_start\":" + start + ",\"config\":{\"labels\":[\"dev.jstack.project=p\","
                + "\"bundle=/run/jstack/p/b/" + id + "\"]},\"cgroup_paths\":" + cgroupPaths + "}");
    }

    private static long selfStart() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII);
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19]);
    }
}
