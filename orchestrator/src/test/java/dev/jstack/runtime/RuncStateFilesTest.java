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

    private void writeState(String id, int pid, long start) throws IOException {
        Path dir = Files.createDirectories(root.resolve(id));
        Files.writeString(dir.resolve("state.json"), "{\"id\":\"" + id + "\",\"init_process_pid\":" + pid
                + ",\"init_process_start\":" + start + ",\"config\":{\"labels\":[\"dev.jstack.project=p\","
                + "\"bundle=/run/jstack/p/b/" + id + "\"]},\"cgroup_paths\":{}}");
    }

    private static long selfStart() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII);
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19]);
    }
}
