package dev.jstack.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What /proc/PID/stat says of a process that jstack watches: its state letter and when it started (clock ticks
 * since boot). A runtime records its container's init by pid and start time; a pid whose start differs is another
 * process that took the number since.
 */
public record ProcStat(char state, long startTime) {

    /** True for a process that has ended: a zombie waiting to be reaped, or one being torn down. */
    public boolean ended() {
        return state == 'Z' || state == 'X' || state == 'x';
    }

    /** Whether {@code pid} runs (has not ended) and is the process that started at {@code start}. */
    public static boolean alive(int pid, long start) {
        return of(pid).map(s -> !s.ended() && s.startTime() == start).orElse(false);
    }

    /** The stat of {@code pid}, or empty when no such process exists. */
    public static Optional<ProcStat> of(int pid) {
        try {
            return parse(Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * From the text of /proc/PID/stat: {@code PID (COMM) STATE PPID ...}; the command name may hold spaces and
     * parentheses, so fields are counted from the last ')'. The start time is field 22.
     */
    public static Optional<ProcStat> parse(String text) {
        int close = text.lastIndexOf(')');
        if (close < 0) {
            return Optional.empty();
        }
        String[] fields = text.substring(close + 1).trim().split(" ");
        // fields[0] is field 3 (the state), so field 22 is fields[19].
        if (fields.length < 20 || fields[0].length() != 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ProcStat(fields[0].charAt(0), Long.parseLong(fields[19])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
