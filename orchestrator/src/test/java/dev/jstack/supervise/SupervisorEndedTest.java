package dev.jstack.supervise;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jstack.runtime.ProcStat;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A stopped supervisor has ended once it is a zombie: it is no child of the command that stops it, so what reaps it
 * decides when it is gone, and that may take a second.
 */
class SupervisorEndedTest {

    @Test
    @DisplayName("a process that has exited but is not reaped has ended, although the JDK counts it alive")
    void aZombieHasEnded() throws Exception {
        // The shell starts a sleep, then becomes another, which never reaps the first; the test ends the first.
        Process parent = new ProcessBuilder("/bin/sh", "-c", "sleep 60 & echo $!; exec sleep 60").start();
        ProcessHandle child = null;
        try {
            int pid;
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(parent.getInputStream(), StandardCharsets.US_ASCII))) {
                pid = Integer.parseInt(out.readLine().trim());
            }
            long start = ProcStat.of(pid).orElseThrow().startTime();
            child = ProcessHandle.of(pid).orElseThrow();
            assertFalse(Supervisors.ended(child, start), "running");
            // Until the shell has become the second sleep it would reap the first itself.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Supervisors.commandLine(parent.pid()).equals(List.of("sleep", "60"))) {
                assertTrue(System.nanoTime() < deadline, "the shell never became the second sleep");
                Thread.sleep(10);
            }
            assertTrue(child.destroy());
            while (!ProcStat.of(pid).orElseThrow(() -> new AssertionError("reaped after all")).ended()) {
                assertTrue(System.nanoTime() < deadline, "the ended sleep never became a zombie");
                Thread.sleep(20);
            }
            assertTrue(child.isAlive(), "the JDK's view of a zombie");
            assertTrue(Supervisors.ended(child, start));
        } finally {
            if (child != null) {
                child.destroyForcibly();
            }
            parent.destroyForcibly();
        }
    }

    @Test
    @DisplayName("a process with the same pid but another start time is another process: the one asked for has ended")
    void anotherStartTimeIsAnotherProcess() {
        ProcessHandle self = ProcessHandle.current();
        long start = ProcStat.of((int) self.pid()).orElseThrow().startTime();
        assertFalse(Supervisors.ended(self, start));
        assertTrue(Supervisors.ended(self, start + 1));
    }

    @Test
    @DisplayName("a running process whose start time could not be read has not ended")
    void anUnknownStartTimeIsNoEnd() {
        assertFalse(Supervisors.ended(ProcessHandle.current(), -1));
    }
}
