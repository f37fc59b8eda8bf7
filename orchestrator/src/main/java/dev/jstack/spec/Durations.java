package dev.jstack.spec;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations as Compose writes them (Go's form): {@code 1m30s}, {@code 10s}, {@code 500ms}, {@code 1.5h}. */
final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");
    private static final Map<String, Long> NANOS = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L,
            "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private Durations() {
    }

    /** The duration of {@code text}; {@code 0} alone is allowed, any other number needs a unit. */
    static Duration parse(String text) {
        String t = text.strip();
        if (t.equals("0")) return Duration.ZERO;
        if (t.isEmpty()) throw new IllegalArgumentException("an empty duration");
        Matcher m = PART.matcher(t);
        BigDecimal nanos = BigDecimal.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(NANOS.get(m.group(2)))));
            end = m.end();
        }
        if (end != t.length()) {
            String why = t.matches("\\d+(\\.\\d+)?") ? "a number without a unit" : "not a duration";
            throw new IllegalArgumentException(why);
        }
        return Duration.ofNanos(nanos.longValue());
    }

    /** Compose's way of printing a duration back: {@code 1m30s}, {@code 500ms}, {@code 0s}. */
    static String format(Duration d) {
        if (d.isZero()) return "0s";
        StringBuilder sb = new StringBuilder();
        long h = d.toHours();
        if (h > 0) sb.append(h).append('h');
        if (d.toMinutesPart() > 0) sb.append(d.toMinutesPart()).append('m');
        if (d.toSecondsPart() > 0) sb.append(d.toSecondsPart()).append('s');
        if (d.toMillisPart() > 0) sb.append(d.toMillisPart()).append("ms");
        int micros = d.toNanosPart() / 1000 % 1000;
        if (micros > 0) sb.append(micros).append("us");
        if (d.toNanosPart() % 1000 > 0) sb.append(d.toNanosPart() % 1000).append("ns");
        return sb.toString();
    }
}
