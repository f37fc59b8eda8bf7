package dev.jstack.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jstack.testing.KernelTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class LinuxInitSignalsTest {
    private final LinuxInitSignals signals = new LinuxInitSignals();
    private Process child;

    @AfterEach
    void endChild() throws InterruptedException {
        if (child != null) {
            child.destroyForcibly().waitFor();
        }
    }

    private Process start(String... command) throws IOException {
        child = new ProcessBuilder(command).redirectErrorStream(true).start();
        return child;
    }

    private static long startTime(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.US_ASCII);
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19]);
    }

    @Test
    @KernelTest
    void theSignalReachesTheProcessThatStartedThen() throws Exception {
        Process p = start("sleep", "60");
        assertTrue(signals.send((int) p.pid(), startTime(p.pid()), 15));
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(128 + 15, p.exitValue(), "sleep ended by SIGTERM");
    }

    @Test
    @KernelTest
    void aProcessThatStartedAtAnotherTimeIsNotSignalled() throws Exception {
        Process p = start("sleep", "60");
        assertFalse(signals.send((int) p.pid(), startTime(p.pid()) - 1, 9), "another process's start");
        assertFalse(p.waitFor(300, TimeUnit.MILLISECONDS), "sleep still runs");
    }

    @Test
    @KernelTest
    void anEndedProcessIsNeitherSignalledNorAwaited() throws Exception {
        Process p = start("sleep", "60");
        long pid = p.pid();
        long start = startTime(pid);
        p.destroyForcibly();
        p.waitFor();
        assertFalse(signals.send((int) pid, start, 15));
        assertEquals(Optional.of(true), signals.awaitEnd((int) pid, start, Duration.ofSeconds(5)));
    }

    @Test
    @KernelTest
    @Timeout(30)
    void theWaitEndsWhenTheProcessEndsAndNotBefore() throws Exception {
        Process p = start("sleep", "60");
        long start = startTime(p.pid());
        assertEquals(Optional.of(false), signals.awaitEnd((int) p.pid(), start, Duration.ofMillis(250)),
                "still running at the limit");

        // The descriptor turns readable once the process has exited, whether this JVM has reaped it yet or not.
        AtomicReference<Object> ended = new AtomicReference<>();
        Thread waiter = waiting(p.pid(), start, ended);
        Thread.sleep(200);
        assertTrue(waiter.isAlive(), "waits while the process runs");
        assertTrue(signals.send((int) p.pid(), start, 9));
        waiter.join(10_000);
        assertFalse(waiter.isAlive(), "the wait ended with the process, not at its 20 s limit");
        assertEquals(Optional.of(true), ended.get());
    }

    @Test
    @KernelTest
    @Timeout(30)
    void anInterruptEndsTheWait() throws Exception {
        Process p = start("sleep", "60");
        long start = startTime(p.pid());
        AtomicReference<Object> thrown = new AtomicReference<>();
        Thread waiter = waiting(p.pid(), start, thrown);
        Thread.sleep(200);
        waiter.interrupt();
        waiter.join(10_000);
        assertFalse(waiter.isAlive(), "the interrupt ended the wait");
        assertTrue(thrown.get() instanceof InterruptedException);
        assertTrue(p.isAlive());
    }

    @Test
    @KernelTest
    void theDescriptorsAreClosedAfterEachCall() throws Exception {
        Process p = start("sleep", "60");
        long start = startTime(p.pid());
        for (int i = 0; i < 50; i++) {
            assertTrue(signals.send((int) p.pid(), start, 18), "SIGCONT sent");
            assertEquals(Optional.of(false), signals.awaitEnd((int) p.pid(), start, Duration.ZERO), "it runs on");
        }
        assertEquals(0, openPidfds(), "no pidfd is left open");
        assertThrows(IllegalThreadStateException.class, p::exitValue, "SIGCONT left sleep running");
    }

    /** A wait of up to 20 s on a thread of its own, which sets {@code outcome} to its answer or its interrupt. */
    private Thread waiting(long pid, long start, AtomicReference<Object> outcome) {
        Thread waiter = new Thread(() -> {
            try {
                outcome.set(signals.awaitEnd((int) pid, start, Duration.ofSeconds(20)));
            } catch (InterruptedException e) {
                outcome.set(e);
            }
        });
        waiter.start();
        return waiter;
    }

    // This JVM's descriptors that are pidfds: their links read anon_inode:[pidfd] (or pidfd:[...]).
    private static long openPidfds() throws IOException {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().contains("pidfd");
                } catch (IOException e) {
                    return false;
                }
            }).count();
        }
    }
}
