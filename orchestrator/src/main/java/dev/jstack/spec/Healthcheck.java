package dev.jstack.spec;

import java.time.Duration;
import java.util.List;

/**
 * {@code healthcheck:}. {@code test} is normalized to its list form: ["CMD", ...], ["CMD-SHELL", cmd] or
 * ["NONE"]; a string test becomes ["CMD-SHELL", string]. Durations default as in Docker (30s, 30s, 3
 * retries, 0s start period, 5s start interval).
 */
public record Healthcheck(List<String> test, Duration interval, Duration timeout, int retries,
                          Duration startPeriod, Duration startInterval, boolean disable) {
}
