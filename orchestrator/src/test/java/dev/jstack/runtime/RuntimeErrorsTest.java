package dev.jstack.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Messages as runc 1.1.5 leaves them (captured on this kind of host), reduced to what the user needs. */
class RuntimeErrorsTest {

    @Test
    void theLastErrorOfTheJsonLogWinsWithoutRuncsPrefixes() {
        String log = "{\"level\":\"warning\",\"msg\":\"unknown capability\",\"time\":\"t\"}\n"
                + "{\"level\":\"error\",\"msg\":\"runc create failed: unable to start container process: exec:"
                + " \\\"nosuch\\\": executable file not found in $PATH\",\"time\":\"t\"}\n";
        assertEquals("exec: \"nosuch\": executable file not found in $PATH",
                RuntimeErrors.message(log, "ignored stderr", 1));
    }

    @Test
    void execFailuresLoseTheirPrefixToo() {
        String log = "{\"level\":\"error\",\"msg\":\"exec failed: unable to start container process: exec:"
                + " \\\"nosuch\\\": executable file not found in $PATH\",\"time\":\"t\"}";
        assertEquals("exec: \"nosuch\": executable file not found in $PATH", RuntimeErrors.message(log, "", 255));
    }

    @Test
    void warningsAreNotErrors() {
        String log = "{\"level\":\"warning\",\"msg\":\"unknown capability CAP_X\",\"time\":\"t\"}\n";
        assertEquals(Optional.empty(), RuntimeErrors.loggedError(log));
        assertEquals(Optional.empty(), RuntimeErrors.loggedError(""));
        assertEquals(Optional.of("container does not exist"), RuntimeErrors.loggedError(
                log + "{\"level\":\"error\",\"msg\":\"container does not exist\"}"));
    }

    @Test
    void withoutALogTheLastLineOfStderrTells() {
        assertEquals("container does not exist",
                RuntimeErrors.message("", "some noise\ncontainer does not exist\n\n", 1));
        assertEquals("container does not exist",
                RuntimeErrors.message("time=\"t\" level=error msg=\"x\"\n", "container does not exist\n", 1));
    }

    @Test
    void whenTheLogIsTheStderrItsWarningsAreNoMessage() {
        String merged = "{\"level\":\"warning\",\"msg\":\"cgroup is odd\",\"time\":\"t\"}\n"
                + "container is not running\n"
                + "{\"level\":\"info\",\"msg\":\"bye\",\"time\":\"t\"}\n";
        assertEquals("container is not running", RuntimeErrors.message(merged, merged, 1));
        String onlyWarnings = "{\"level\":\"warning\",\"msg\":\"cgroup is odd\",\"time\":\"t\"}\n";
        assertEquals("exited with status 1", RuntimeErrors.message(onlyWarnings, onlyWarnings, 1));
    }

    @Test
    void withNothingAtAllTheStatusTells() {
        assertEquals("exited with status 137", RuntimeErrors.message("", " \n", 137));
    }

    @Test
    void unknownContainersAreRecognisedInRuncAndCrunWording() {
        assertTrue(RuntimeErrors.isUnknownContainer("container does not exist"));
        assertTrue(RuntimeErrors.isUnknownContainer(
                "error opening file `/run/crun/web/status`: No such file or directory"));
        assertFalse(RuntimeErrors.isUnknownContainer("permission denied"));
    }
}
