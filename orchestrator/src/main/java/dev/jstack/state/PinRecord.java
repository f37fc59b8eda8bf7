package dev.jstack.state;

/** What jstack recorded when it pinned a network namespace: the owner service and the pin's path. */
public record PinRecord(String owner, String pin) {
}
