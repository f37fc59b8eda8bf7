package dev.jstack.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.jstack.apply.ProgressEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoppedServicesTest {

    @Test
    void marksAreSortedKeptAndLiftedAndTheFileGoesWithTheLastOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("supervisor/stopped");
        StoppedServices stopped = new StoppedServices(file);
        stopped.add(List.of("web", "db"));
        stopped.add(List.of("db"));
        assertEquals("db\nweb\n", Files.readString(file));
        assertEquals(Set.of("db", "web"), new StoppedServices(file).read());
        stopped.remove(List.of("web", "cache"));
        assertEquals(Set.of("db"), stopped.read());
        stopped.remove(List.of("db"));
        assertFalse(Files.exists(file));
        assertEquals(Set.of(), stopped.read());
    }

    @Test
    void anEventCrossesTheSocketUnchanged() throws Exception {
        ProgressEvent event = new ProgressEvent("Container", "p-web-1", "web", "Started", true);
        String line = ProgressLines.encode(event);
        assertEquals("event {\"kind\":\"Container\",\"name\":\"p-web-1\",\"service\":\"web\",\"status\":\"Started\","
                + "\"done\":true}", line);
        assertEquals(event, ProgressLines.decode(line));
        assertFalse(ProgressLines.isEvent("progress Container p-web-1  Started"));
    }
}
