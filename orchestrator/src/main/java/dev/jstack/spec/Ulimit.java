package dev.jstack.spec;

/** One entry of {@code ulimits:}; a single number sets both soft and hard. */
public record Ulimit(long soft, long hard) {
}
