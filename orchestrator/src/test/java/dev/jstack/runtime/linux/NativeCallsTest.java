package dev.jstack.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NativeCallsTest {
    @Test
    @DisplayName("bindAhead binds the C library on a daemon thread of its own, which then ends")
    void bindsOnADaemonThread() throws Exception {
        Thread binder = NativeCalls.bindAhead();
        assertEquals("jstack-native", binder.getName());
        assertTrue(binder.isDaemon(), "it never keeps the process alive");
        binder.join(10_000);
        assertEquals(Thread.State.TERMINATED, binder.getState(), "the binding thread ran and ended");
        assertTrue(Syscalls.loaded(), "the C library is bound");
        assertTrue(Syscalls.gettid() > 0, "and answers");
    }
}
