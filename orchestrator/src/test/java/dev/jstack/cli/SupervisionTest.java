package dev.jstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SupervisionTest {

    @Test
    void theSupervisorRunsWithTheLaunchersClassDataSharingArchive() {
        List<String> cli = List.of("/usr/bin/java", "-XX:+UseSerialGC", "-XX:SharedArchiveFile=/opt/j/jstack.jsa",
                "-Xshare:auto", "-jar", "/opt/j/jstack.jar", "up", "-d");
        assertEquals(List.of("-XX:SharedArchiveFile=/opt/j/jstack.jsa"), Supervision.sharedArchive(cli));
    }

    @Test
    void withoutAnArchiveTheSupervisorGetsNone() {
        assertEquals(List.of(), Supervision.sharedArchive(List.of("java", "-jar", "jstack.jar", "up", "-d")));
    }
}
