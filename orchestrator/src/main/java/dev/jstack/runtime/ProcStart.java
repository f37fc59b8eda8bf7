package dev.jstack.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which process a pid names now: a runtime records its container's init by pid and start time (clock ticks since
 * boot, field 22 of /proc/PID/stat), and a pid whose start differs is another process that took the number since.
 */
public final class ProcStart {

    private ProcStart() {
    }

    /** Whether {@code pid} is alive (not a zombie) and is the process that started at {@code start}. */
    public static boolean alive(int pid, long start) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return false;
        }
        // The command name may hold spaces and parentheses: the fields that follow start after the last ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[0] is field 3 (state), so field 22 (starttime) is fields[19].
        return fields.length > 19 && !fields[0].equals("Z") && !fields[0].equals("X")
                && Long.parseLong(fields[19]) == start;
    }
}
