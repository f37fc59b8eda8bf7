package dev.jstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jstack.apply.EtcFiles;
import dev.jstack.apply.Executor;
import dev.jstack.apply.Identities;
import dev.jstack.apply.MountTable;
import dev.jstack.apply.Operations;
import dev.jstack.apply.Project;
import dev.jstack.state.ProjectPaths;
import dev.jstack.state.RecordStore;
import dev.jstack.testing.FakePins;
import dev.jstack.testing.FakeRuntime;
import dev.jstack.testing.Stacks;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {
    @TempDir
    Path tmp;

    private Project project() {
        ProjectPaths paths = new ProjectPaths("demo", tmp.resolve("run"), tmp.resolve("lib"), tmp.resolve("netns"));
        FakePins pins = new FakePins(tmp.resolve("netns"));
        Operations.Host host = new Operations.Host(new FakeRuntime(), pins, pins, paths,
                new RecordStore(paths, w -> { }), (c, pid, n) -> { }, new MountTable(tmp.resolve("none")));
        return new Project(Stacks.named("demo").service("web", "none").service("db", "none").build(), host,
                (root, user) -> Identities.Identity.ROOT, new EtcFiles(tmp), new Executor(1), line -> { });
    }

    private static void log(Project p, String service, String text) throws Exception {
        Path file = p.paths().logFile(p.paths().containerId(service));
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    @Test
    @DisplayName("--tail N prints the last N lines of each service, prefixed and padded to the longest name")
    void tail() throws Exception {
        Project p = project();
        log(p, "web", "one\ntwo\nthree\n");
        log(p, "db", "ready\n");
        StringWriter out = new StringWriter();
        new LogTail(p, new PrintWriter(out), false).tail(List.of("db", "web"), 2);
        assertEquals("db  | ready\nweb | two\nweb | three\n", out.toString());
    }

    @Test
    @DisplayName("follow prints whole lines appended after the offsets, a partial line once it is whole")
    void follow() throws Exception {
        Project p = project();
        log(p, "web", "old\n");
        Map<String, Long> offsets = LogTail.sizes(p, List.of("web", "db"));
        log(p, "web", "new line\npart");
        StringWriter out = new StringWriter();
        AtomicInteger rounds = new AtomicInteger();
        new LogTail(p, new PrintWriter(out), true).follow(offsets, () -> {
            if (rounds.incrementAndGet() == 2) {
                try {
                    log(p, "web", "ial\n");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return rounds.get() >= 2;
        });
        assertEquals("\u001b[33mweb |\u001b[0m new line\n\u001b[33mweb |\u001b[0m partial\n", out.toString());
    }

    @Test
    @DisplayName("a log file shorter than its offset was recreated with its container: it is read from the start")
    void recreatedFile() throws Exception {
        Project p = project();
        log(p, "db", "fresh\n");
        StringWriter out = new StringWriter();
        new LogTail(p, new PrintWriter(out), false).follow(Map.of("db", 1000L), () -> true);
        assertEquals("db  | fresh\n", out.toString());
    }

    @Test
    @DisplayName("tail stops at the last whole line; follow goes on from there, so no line is printed twice or lost")
    void tailThenFollow() throws Exception {
        Project p = project();
        log(p, "web", "one\ntwo\nhal");
        StringWriter out = new StringWriter();
        LogTail logs = new LogTail(p, new PrintWriter(out), false);
        Map<String, Long> next = logs.tail(List.of("web", "db"), 1);
        assertEquals("web | two\n", out.toString());
        assertEquals(Map.of("web", 8L, "db", 0L), next);
        log(p, "web", "f\nthree\n");
        log(p, "db", "up\n");
        logs.follow(next, () -> true);
        assertEquals("web | two\ndb  | up\nweb | half\nweb | three\n", out.toString());
    }

    @Test
    @DisplayName("--tail larger than the log prints all of it; --tail 0 prints nothing and follows from the end")
    void tailBounds() throws Exception {
        Project p = project();
        log(p, "web", "a\nb\n");
        for (int lines : new int[] {10, 0}) {
            StringWriter out = new StringWriter();
            assertEquals(Map.of("web", 4L), new LogTail(p, new PrintWriter(out), false).tail(List.of("web"), lines));
            assertEquals(lines == 0 ? "" : "web | a\nweb | b\n", out.toString(), "--tail " + lines);
        }
    }

    @Test
    @DisplayName("a character cut by a read block boundary is printed whole")
    void multibyteAcrossBlocks() throws Exception {
        Project p = project();
        String line = "a".repeat((1 << 16) - 1) + "\u00e9x";
        log(p, "web", line + "\nlast\n");
        StringWriter out = new StringWriter();
        new LogTail(p, new PrintWriter(out), false).tail(List.of("web"), -1);
        assertEquals("web | " + line + "\nweb | last\n", out.toString());
    }

    @Test
    @DisplayName("a log file made again with a container, as long as or longer than before, is read from the start")
    void remadeLongerFile() throws Exception {
        Project p = project();
        log(p, "web", "old\n");
        log(p, "db", "hello\n");
        StringWriter out = new StringWriter();
        LogTail logs = new LogTail(p, new PrintWriter(out), false);
        Map<String, Long> next = logs.tail(List.of("web", "db"), -1);
        for (String service : List.of("web", "db")) {
            Files.delete(p.paths().logFile(p.paths().containerId(service)));
        }
        log(p, "web", "new one\n");
        // Beginning as the old one did, the rest is what is new: nothing is printed twice.
        log(p, "db", "hello\nbye\n");
        logs.follow(next, () -> true);
        assertEquals("web | old\ndb  | hello\ndb  | bye\nweb | new one\n", out.toString());
    }
}
