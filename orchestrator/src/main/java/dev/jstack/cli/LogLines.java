package dev.jstack.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.function.Consumer;

/** Owns the form of a supervisor's log lines: a UTC timestamp, a space, the text; one line, flushed at once. */
final class LogLines {
    private LogLines() {
    }

    /** A log that writes each line to {@code err}, stamped. */
    static Consumer<String> to(PrintWriter err) {
        return line -> {
            err.println(stamp(System.currentTimeMillis()) + " " + line);
            err.flush();
        };
    }

    /**
     * The UTC time of a log line, {@code 2026-11-28T09:21:41.062Z}, built by hand: {@code Instant.toString()} goes
     * through {@code DateTimeFormatter}, whose formatters, locale data and calendar take 150 classes that the
     * supervisor would keep loaded for its timestamps alone.
     */
    static String stamp(long epochMillis) {
        long day = Math.floorDiv(epochMillis, 86_400_000L);
        long millisOfDay = Math.floorMod(epochMillis, 86_400_000L);
        StringBuilder out = new StringBuilder(24).append(LocalDate.ofEpochDay(day)).append('T');
        pad(out, millisOfDay / 3_600_000, 2).append(':');
        pad(out, millisOfDay / 60_000 % 60, 2).append(':');
        pad(out, millisOfDay / 1000 % 60, 2).append('.');
        return pad(out, millisOfDay % 1000, 3).append('Z').toString();
    }

    private static StringBuilder pad(StringBuilder out, long value, int digits) {
        String text = Long.toString(value);
        for (int i = text.length(); i < digits; i++) {
            out.append('0');
        }
        return out.append(text);
    }
}
