package dev.jstack.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupervisorStatusTest {

    // The text the status file has always had, which ps of an older or newer jar reads.
    private static final String GOLDEN = String.join("\n",
            "{",
            "  \"pid\" : 4242,",
            "  \"services\" : {",
            "    \"db\" : {",
            "      \"health\" : \"healthy\",",
            "      \"restarts\" : 2,",
            "      \"lastExit\" : 137",
            "    },",
            "    \"web\" : {",
            "      \"health\" : \"none\",",
            "      \"restarts\" : 0,",
            "      \"lastExit\" : null",
            "    }",
            "  }",
            "}");

    private static SupervisorStatus sample() {
        return new SupervisorStatus(4242, new TreeMap<>(Map.of(
                "web", new SupervisorStatus.Service("none", 0, null),
                "db", new SupervisorStatus.Service("healthy", 2, 137))));
    }

    @Test
    void writesTheSortedStatusAndReadsItBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("supervisor/status.json");
        sample().write(file);
        assertEquals(GOLDEN, Files.readString(file));
        assertEquals(Optional.of(sample()), SupervisorStatus.read(file));
        assertEquals(1, Files.list(file.getParent()).count(), "no temp file is left");
    }

    @Test
    void unknownFieldsAreSkipped(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("status.json");
        Files.writeString(file, "{\"version\":[1,{\"a\":2}],\"pid\":7,\"services\":{\"a\":{\"health\":\"starting\","
                + "\"since\":{\"t\":1},\"restarts\":1}}}");
        assertEquals(Optional.of(new SupervisorStatus(7, new TreeMap<>(Map.of(
                "a", new SupervisorStatus.Service("starting", 1, null))))), SupervisorStatus.read(file));
    }

    @Test
    void aMissingOrBrokenFileIsNoStatus(@TempDir Path dir) throws Exception {
        assertEquals(Optional.empty(), SupervisorStatus.read(dir.resolve("none.json")));
        Path half = dir.resolve("half.json");
        Files.writeString(half, GOLDEN.substring(0, 60));
        assertEquals(Optional.empty(), SupervisorStatus.read(half));
        Path list = dir.resolve("list.json");
        Files.writeString(list, "[1, 2]");
        assertEquals(Optional.empty(), SupervisorStatus.read(list));
    }
}
