package dev.jstack.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor's status and launch files are read without Jackson's data binding; the golden texts are what the
 * data binding wrote, so the files of a supervisor started before are still read.
 */
class SupervisorFileFormatTest {
    private static final String STATUS = """
            {
              "pid" : 42,
              "services" : {
                "a" : {
                  "health" : "healthy",
                  "restarts" : 2,
                  "lastExit" : 137
                },
                "b" : {
                  "health" : "none",
                  "restarts" : 0,
                  "lastExit" : null
                }
              }
            }""";
    private static final String LAUNCH =
            "{\"cwd\":\"/srv/shop\",\"command\":[\"java\",\"-p\",\"shop \\\"x\\\"\",\"supervise\"]}";

    @TempDir
    Path tmp;

    @Test
    @DisplayName("a status written by the data binding is read, and one written now is the same text")
    void statusGolden() throws Exception {
        SupervisorStatus status = new SupervisorStatus(42, new TreeMap<>(Map.of(
                "b", new SupervisorStatus.Service("none", 0, null),
                "a", new SupervisorStatus.Service("healthy", 2, 137))));
        Path old = tmp.resolve("old.json");
        Files.writeString(old, STATUS);
        assertEquals(Optional.of(status), SupervisorStatus.read(old));
        Path now = tmp.resolve("supervisor/status.json");
        status.write(now);
        assertEquals(STATUS, Files.readString(now, StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("a status that is missing, cut or of the wrong shape reads as none")
    void unreadableStatus() throws Exception {
        Path file = tmp.resolve("status.json");
        assertEquals(Optional.empty(), SupervisorStatus.read(file));
        Files.writeString(file, "{\"pid\": 4, \"services\": {\"a\": {\"health\"");
        assertEquals(Optional.empty(), SupervisorStatus.read(file));
        Files.writeString(file, "{\"pid\": 4, \"services\": {\"a\": {\"restarts\": \"two\"}}}");
        assertEquals(Optional.empty(), SupervisorStatus.read(file));
        Files.writeString(file, "{\"pid\": 4, \"services\": {\"a\": {}}, \"later\": 1}");
        assertEquals(Optional.of(new SupervisorStatus(4, new TreeMap<>(Map.of(
                "a", new SupervisorStatus.Service(null, 0, null))))), SupervisorStatus.read(file));
    }

    @Test
    @DisplayName("the launch file keeps the data binding's one-line text both ways")
    void launchGolden() throws Exception {
        Supervisors.Launch launch = new Supervisors.Launch("/srv/shop", List.of("java", "-p", "shop \"x\"", "supervise"));
        Path file = tmp.resolve("launch.json");
        dev.jstack.state.JsonDocuments.write(file, launch.json(), false);
        assertEquals(LAUNCH, Files.readString(file, StandardCharsets.UTF_8));
        assertEquals(launch, Supervisors.Launch.of(dev.jstack.state.JsonDocuments.object(
                dev.jstack.state.JsonDocuments.parse(LAUNCH), "the launch")));
    }
}
