package dev.jstack.runtime;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Owns the numbers of the signals a stack names ({@code stop_signal}), as Linux numbers them on x86_64 and aarch64:
 * names with or without {@code SIG}, {@code SIGRTMIN+n} and {@code SIGRTMAX-n} as Docker numbers them (34 + n and
 * 64 - n: the C library keeps 32 and 33 for itself), and numbers from 1 to 64. runc's {@code kill} knows the
 * names of 1 to 31 only, without the aliases SIGIOT and SIGPOLL, and every number: jstack hands it numbers.
 */
public final class Signals {
    private static final int RTMIN = 34;
    private static final int RTMAX = 64;
    private static final Map<String, Integer> NUMBERS = Map.ofEntries(Map.entry("HUP", 1), Map.entry("INT", 2),
            Map.entry("QUIT", 3), Map.entry("ILL", 4), Map.entry("TRAP", 5), Map.entry("ABRT", 6),
            Map.entry("IOT", 6), Map.entry("BUS", 7), Map.entry("FPE", 8), Map.entry("KILL", 9),
            Map.entry("USR1", 10), Map.entry("SEGV", 11), Map.entry("USR2", 12), Map.entry("PIPE", 13),
            Map.entry("ALRM", 14), Map.entry("TERM", 15), Map.entry("STKFLT", 16), Map.entry("CHLD", 17),
            Map.entry("CONT", 18), Map.entry("STOP", 19), Map.entry("TSTP", 20), Map.entry("TTIN", 21),
            Map.entry("TTOU", 22), Map.entry("URG", 23), Map.entry("XCPU", 24), Map.entry("XFSZ", 25),
            Map.entry("VTALRM", 26), Map.entry("PROF", 27), Map.entry("WINCH", 28), Map.entry("IO", 29),
            Map.entry("POLL", 29), Map.entry("PWR", 30), Map.entry("SYS", 31));

    private Signals() {
    }

    /** The number of {@code signal} (SIGTERM, term, SIGRTMIN+3 or 15); empty for what is no signal here. */
    public static OptionalInt number(String signal) {
        String upper = signal.strip().toUpperCase(Locale.ROOT);
        String bare = upper.startsWith("SIG") ? upper.substring(3) : upper;
        if (bare.matches("[1-9]|[1-5]\\d|6[0-4]")) {
            return OptionalInt.of(Integer.parseInt(bare));
        }
        if (bare.matches("RTMIN(\\+([1-9]|1[0-5]))?")) {
            return OptionalInt.of(RTMIN + offset(bare, "RTMIN"));
        }
        if (bare.matches("RTMAX(-([1-9]|1[0-5]))?")) {
            return OptionalInt.of(RTMAX - offset(bare, "RTMAX"));
        }
        Integer number = NUMBERS.get(bare);
        return number == null ? OptionalInt.empty() : OptionalInt.of(number);
    }

    // The n of RTMIN+n or RTMAX-n; 0 for RTMIN and RTMAX themselves.
    private static int offset(String bare, String base) {
        return bare.length() == base.length() ? 0 : Integer.parseInt(bare.substring(base.length() + 1));
    }
}
