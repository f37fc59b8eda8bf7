package dev.jstack.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SignalsTest {

    @Test
    void namesAreNumberedAsLinuxNumbersThemWithOrWithoutTheirPrefix() {
        assertEquals(OptionalInt.of(15), Signals.number("SIGTERM"));
        assertEquals(OptionalInt.of(15), Signals.number("term"));
        assertEquals(OptionalInt.of(9), Signals.number("KILL"));
        assertEquals(OptionalInt.of(10), Signals.number("SIGUSR1"));
        assertEquals(OptionalInt.of(12), Signals.number("USR2"));
        assertEquals(OptionalInt.of(6), Signals.number("SIGIOT"), "SIGABRT's alias, which runc does not name");
        assertEquals(OptionalInt.of(29), Signals.number("SIGPOLL"), "SIGIO's alias");
        assertEquals(OptionalInt.of(31), Signals.number("SIGSYS"));
    }

    @Test
    void realTimeSignalsAreNumberedAsDockerNumbersThem() {
        assertEquals(OptionalInt.of(34), Signals.number("SIGRTMIN"));
        assertEquals(OptionalInt.of(37), Signals.number("SIGRTMIN+3"));
        assertEquals(OptionalInt.of(49), Signals.number("rtmin+15"));
        assertEquals(OptionalInt.of(64), Signals.number("SIGRTMAX"));
        assertEquals(OptionalInt.of(62), Signals.number("RTMAX-2"));
    }

    @Test
    void numbersAreTheirOwn() {
        assertEquals(OptionalInt.of(3), Signals.number("3"));
        assertEquals(OptionalInt.of(64), Signals.number("64"));
    }

    @Test
    void whatIsNoSignalHasNoNumber() {
        assertEquals(OptionalInt.empty(), Signals.number("SIGFOO"));
        assertEquals(OptionalInt.empty(), Signals.number("0"));
        assertEquals(OptionalInt.empty(), Signals.number("65"));
        assertEquals(OptionalInt.empty(), Signals.number("SIGRTMIN+16"));
        assertEquals(OptionalInt.empty(), Signals.number("RTMAX+1"));
    }
}
