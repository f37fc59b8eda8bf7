package dev.jstack.spec;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses sizes as Docker does: {@code 512m}, {@code 1g}, {@code 100k}, {@code 1024b}, {@code 1.5GB} or a bare
 * number of bytes. Units are binary (1k = 1024 bytes), upper or lower case, with an optional {@code b}/{@code ib}.
 */
final class Sizes {

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?) ?([kmgtp]?)(i?b)?",
            Pattern.CASE_INSENSITIVE);

    private Sizes() {
    }

    /** The number of bytes {@code text} stands for. */
    static long parse(String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) throw new IllegalArgumentException("not a size");
        if (m.group(2).isEmpty() && m.group(3) != null && m.group(3).length() == 2) {
            throw new IllegalArgumentException("not a size");
        }
        // indexOf("") is 0: a bare number must not count as kilobytes.
        int power = m.group(2).isEmpty() ? 0 : "kmgtp".indexOf(m.group(2).toLowerCase(Locale.ROOT)) + 1;
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1024).pow(power));
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) throw new IllegalArgumentException("too large");
        return bytes.longValue();
    }
}
