package dev.jstack.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordStoreTest {
    @TempDir
    Path tmp;

    @Test
    @DisplayName("records read back equal; a half-written or foreign file is skipped with a warning")
    void roundTripAndTolerance() throws Exception {
        ProjectPaths paths = new ProjectPaths("demo", tmp.resolve("run"), tmp.resolve("lib"), tmp.resolve("netns"));
        List<String> warnings = new ArrayList<>();
        RecordStore store = new RecordStore(paths, warnings::add);
        ContainerRecord a = new ContainerRecord("a", "demo-a-1", "abc", new TreeMap<>(Map.of("process", "p1")),
                "none", "/run/netns/jstack-demo-a", "a");
        store.write(a);
        store.write(new PinRecord("a", "/run/netns/jstack-demo-a"));
        Files.writeString(paths.recordsDir().resolve("demo-b-1.json"), "{\"service\": \"b\", \"contai");
        Files.writeString(paths.recordsDir().resolve("notes.txt"), "not a record");
        assertEquals(Map.of("a", a), store.containers());
        assertEquals(Map.of("a", new PinRecord("a", "/run/netns/jstack-demo-a")), store.pins());
        assertEquals(1, warnings.size(), warnings::toString);
        assertEquals(true, warnings.get(0).startsWith("ignoring unreadable record " + paths.recordsDir()
                .resolve("demo-b-1.json")), warnings::toString);
        try (var files = Files.list(paths.recordsDir())) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temp file is left");
        }
        store.deleteContainer("demo-a-1");
        store.deletePin("a");
        assertEquals(Map.of(), store.containers());
        assertEquals(Map.of(), store.pins());
    }

    @Test
    @DisplayName("the project's names and places follow compose and DESIGN.md section 5")
    void paths() {
        ProjectPaths p = ProjectPaths.onHost("shop");
        assertEquals("shop-db-1", p.containerId("db"));
        assertEquals(Path.of("/run/netns/jstack-shop-db"), p.pin("db"));
        assertEquals(Path.of("/run/jstack/shop/lock"), p.lockFile());
        assertEquals(Path.of("/run/jstack/shop/records/shop-db-1.json"), p.containerRecord("shop-db-1"));
        assertEquals(Path.of("/var/lib/jstack/logs/shop-db-1.log"), p.logFile("shop-db-1"));
        assertEquals(Path.of("/var/lib/jstack/volumes/shop_data"), p.volumeDir("data"));
    }

    @Test
    @DisplayName("logs are read where an earlier jstack wrote them while that container still has only that log")
    void logOfAContainerFromBefore(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        ProjectPaths p = new ProjectPaths("shop", tmp.resolve("run"), tmp.resolve("lib"), tmp.resolve("netns"));
        assertEquals(p.logFile("shop-db-1"), p.readableLogFile("shop-db-1"), "neither exists: the current place");
        Path earlier = tmp.resolve("lib/containers/shop-db-1/log/shop-db-1.log");
        java.nio.file.Files.createDirectories(earlier.getParent());
        java.nio.file.Files.writeString(earlier, "before\n");
        assertEquals(earlier, p.readableLogFile("shop-db-1"));
        java.nio.file.Files.createDirectories(p.logFile("shop-db-1").getParent());
        java.nio.file.Files.writeString(p.logFile("shop-db-1"), "now\n");
        assertEquals(p.logFile("shop-db-1"), p.readableLogFile("shop-db-1"), "a container made since writes here");
    }
}
