package dev.jstack.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jstack.runtime.ProcStat;
import dev.jstack.state.ProjectPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor's pid file names its process by pid and start time, so that a supervisor that runs in the process
 * of the command that started it counts although its command line does not name it; a file of an earlier
 * supervisor, a pid alone, is judged by the command line as before.
 */
class SupervisorPidFileTest {
    private static final long SELF = ProcessHandle.current().pid();

    @TempDir
    Path run;

    private Supervisors supervisors(String pidFileText) throws Exception {
        SupervisorFiles files = SupervisorFiles.of(new ProjectPaths("shop", run, run.resolve("lib"),
                run.resolve("netns")));
        Files.createDirectories(files.pidFile().getParent());
        Files.writeString(files.pidFile(), pidFileText);
        return new Supervisors(files);
    }

    @Test
    @DisplayName("a pid with its start time counts, whatever the process's command line")
    void pidAndStartTime() throws Exception {
        String line = Supervisors.pidLine(SELF);
        assertEquals(SELF + " " + ProcStat.of((int) SELF).orElseThrow().startTime() + "\n", line);
        assertEquals(SELF, supervisors(line).alive());
    }

    @Test
    @DisplayName("a pid whose start time differs is another process: a reused pid")
    void reusedPid() throws Exception {
        long start = ProcStat.of((int) SELF).orElseThrow().startTime();
        assertEquals(0, supervisors(SELF + " " + (start + 1) + "\n").alive());
        assertEquals(List.of(), supervisors(SELF + " " + (start + 1) + "\n").commandLine());
    }

    @Test
    @DisplayName("a pid alone is judged by the command line, which must name the project's supervisor")
    void pidAlone() throws Exception {
        assertEquals(0, supervisors(SELF + "\n").alive(), "this test's JVM names no supervisor");
        Supervisors.PidFile old = Supervisors.PidFile.parse(SELF + "\n", "shop");
        assertTrue(old.names(() -> List.of("java", "-p", "shop", "supervise", "shop")));
        assertFalse(old.names(() -> List.of("java", "-p", "mall", "supervise", "mall")));
    }

    @Test
    @DisplayName("a file that holds no number names no process")
    void garbage() throws Exception {
        assertEquals(0, supervisors("").alive());
        assertEquals(0, supervisors("pid\n").alive());
        assertEquals(0, supervisors(SELF + " soon\n").alive());
    }
}
