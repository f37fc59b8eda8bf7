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

    @Test
    void theNativeHeapIsTrimmedOnlyWhereTheJavaHasTheOption() {
        List<String> trim = List.of("-XX:+UnlockExperimentalVMOptions", "-XX:TrimNativeHeapInterval=1000");
        assertEquals(trim, Supervision.nativeHeapTrim(Runtime.Version.parse("17.0.21.1+2")));
        assertEquals(trim, Supervision.nativeHeapTrim(Runtime.Version.parse("17.0.9")));
        assertEquals(List.of(), Supervision.nativeHeapTrim(Runtime.Version.parse("17.0.8")));
        assertEquals(List.of(), Supervision.nativeHeapTrim(Runtime.Version.parse("20.0.2")));
        assertEquals(List.of(), Supervision.nativeHeapTrim(Runtime.Version.parse("21")));
        assertEquals(trim, Supervision.nativeHeapTrim(Runtime.Version.parse("21.0.1")));
        assertEquals(trim, Supervision.nativeHeapTrim(Runtime.Version.parse("23")));
    }
}
