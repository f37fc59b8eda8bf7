package dev.jstack.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectLockTest {
    @TempDir
    Path tmp;

    private final List<Holder> holders = new ArrayList<>();

    /** One {@link LockHolder} process and its output, line by line. */
    private record Holder(Process process, BufferedReader out) {
        String next() throws Exception {
            String line = out.readLine();
            assertTrue(line != null, "the holder process ended early");
            return line;
        }

        void release() throws Exception {
            process.getOutputStream().close();
            assertEquals("released", next());
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        }
    }

    private Holder start(Path lock) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockHolder.class.getName(), lock.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Holder h = new Holder(p, new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
        holders.add(h);
        return h;
    }

    @AfterEach
    void stopHolders() {
        holders.forEach(h -> h.process().destroyForcibly());
    }

    @Test
    @DisplayName("a waiter granted the lock on a file that down deleted starts again, so two commands never hold it")
    void deletedWhileWaiting() throws Exception {
        Path lock = tmp.resolve("run/demo/lock");
        Holder first = start(lock);
        assertEquals("locked", first.next());
        Holder second = start(lock);
        assertEquals("waiting", second.next());
        // What down does under the lock: the project's run directory goes, lock file and all.
        Files.delete(lock);
        Files.delete(lock.getParent());
        first.release();
        assertEquals("locked", second.next());
        Holder third = start(lock);
        assertEquals("waiting", third.next(), "the second holds the lock at the path, so the third must wait");
        String held = Files.readString(lock);
        assertEquals(second.process().pid() + "\n", held);
        second.release();
        assertEquals("locked", third.next());
        third.release();
    }

    @Test
    @DisplayName("--no-wait names the holder by the pid it wrote")
    void noWaitNamesHolder() throws Exception {
        Path lock = tmp.resolve("lock");
        Holder holder = start(lock);
        assertEquals("locked", holder.next());
        LockHeld held = assertThrows(LockHeld.class,
                () -> ProjectLock.acquire(lock, "demo", n -> { }, false));
        assertTrue(held.getMessage().contains(String.valueOf(holder.process().pid())), held.getMessage());
        holder.release();
        // Not read while held here: closing a descriptor of the file would drop this process's own lock.
        ProjectLock.acquire(lock, "demo", n -> { }, false).close();
        assertEquals("", Files.readString(lock), "released: the pid is gone");
    }

    @Test
    @DisplayName("a second part of the holding process, such as the supervisor in a command's process, neither takes"
            + " nor drops the lock")
    void aSecondPartOfTheProcessWaitsItsTurn() throws Exception {
        Path lock = tmp.resolve("lock");
        Holder other;
        try (ProjectLock command = ProjectLock.acquire(lock, "demo", n -> { }, false)) {
            assertTrue(ProjectLock.tryAcquire(lock).isEmpty(), "the command part holds it");
            assertThrows(LockHeld.class, () -> ProjectLock.acquire(lock, "demo", n -> { }, false));
            other = start(lock);
            assertEquals("waiting", other.next(), "this process still holds the lock");
        }
        assertEquals("locked", other.next());
        other.release();
        ProjectLock.tryAcquire(lock).orElseThrow(() -> new AssertionError("free again for this process")).close();
    }
}
