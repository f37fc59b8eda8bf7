package dev.jstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@Scenario
@DisplayName("one command at a time per project: a second one waits for the lock and says so")
class LockTest {
    private static final Jstack JSTACK = new Jstack("none");

    @AfterAll
    static void down() {
        JSTACK.down();
    }

    @Test
    @DisplayName("up waits while another process holds /run/jstack/<project>/lock, then proceeds")
    void secondCommandWaits() throws Exception {
        Path lock = Path.of("/run/jstack", JSTACK.project(), "lock");
        // Made by jstack as a command would make it: on the tmpfs that jstack keeps on /run/jstack where /run is not
        // one, which a directory made by hand on an empty root would keep from being mounted.
        JSTACK.run("down").expectOk();
        Files.createDirectories(lock.getParent());
        // A POSIX record lock, the kind Java's FileChannel.lock takes, held for a few seconds by another process.
        Process holder = new ProcessBuilder(List.of("python3", "-c", "import fcntl, sys, time\n"
                + "f = open(sys.argv[1], 'a'); fcntl.lockf(f, fcntl.LOCK_EX); print('held', flush=True);"
                + " time.sleep(4)", lock.toString())).start();
        try {
            String held = new String(holder.getInputStream().readNBytes(5));
            assertTrue(held.startsWith("held"), "the holder took the lock");
            CompletableFuture<Shell.Result> up = CompletableFuture.supplyAsync(() -> JSTACK.run("up", "-d"));
            Shell.Result result = up.get(120, TimeUnit.SECONDS).expectOk();
            assertTrue(result.err().contains("waiting for another jstack command on project " + JSTACK.project()),
                    result.err());
        } finally {
            holder.destroy();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @DisplayName("with --no-wait a second command fails at once (exit 1) and names the holder's pid")
    void noWaitFails() throws Exception {
        Path lock = Path.of("/run/jstack", JSTACK.project(), "lock");
        // Made by jstack as a command would make it: on the tmpfs that jstack keeps on /run/jstack where /run is not
        // one, which a directory made by hand on an empty root would keep from being mounted.
        JSTACK.run("down").expectOk();
        Files.createDirectories(lock.getParent());
        Process holder = new ProcessBuilder(List.of("python3", "-c", "import fcntl, os, sys, time\n"
                + "f = open(sys.argv[1], 'a'); fcntl.lockf(f, fcntl.LOCK_EX); f.truncate(0);"
                + " f.write(str(os.getpid()) + '\\n'); f.flush(); print('held', flush=True); time.sleep(30)",
                lock.toString())).start();
        try {
            String held = new String(holder.getInputStream().readNBytes(5));
            assertTrue(held.startsWith("held"), "the holder took the lock");
            Shell.Result result = JSTACK.run("up", "-d", "--no-wait");
            assertEquals(1, result.exitCode(), result.err());
            assertTrue(result.err().contains("another jstack command is working on project " + JSTACK.project()
                    + " (pid " + holder.pid() + ")"), result.err());
        } finally {
            holder.destroy();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
