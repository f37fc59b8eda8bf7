package dev.jstack.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The record files keep the layout that Jackson's data binding gave them: the golden texts below are what it
 * wrote (indented, fields in the record's order, part hashes sorted), so records of a running project made before
 * are read, and records written now are the same bytes.
 */
class RecordFormatTest {
    private static final String CONTAINER = """
            {
              "service" : "db",
              "container" : "shop-db-1",
              "configHash" : "c0ffee",
              "partHashes" : {
                "env" : "e\\"1",
                "process" : "p1"
              },
              "networkMode" : "service:a",
              "netns" : null,
              "owner" : "a"
            }""";
    private static final String EMPTY_PARTS = """
            {
              "service" : "a",
              "container" : "shop-a-1",
              "configHash" : "h",
              "partHashes" : { },
              "networkMode" : "host",
              "netns" : null,
              "owner" : null
            }""";
    private static final String PIN = """
            {
              "owner" : "a",
              "pin" : "/run/netns/jstack-shop-a"
            }""";

    @TempDir
    Path tmp;

    private ProjectPaths paths() {
        return new ProjectPaths("shop", tmp.resolve("run"), tmp.resolve("lib"), tmp.resolve("netns"));
    }

    @Test
    @DisplayName("a container record is written byte for byte as the data binding wrote it, and read back equal")
    void containerRecordGolden() throws Exception {
        RecordStore store = new RecordStore(paths(), w -> { });
        ContainerRecord db = new ContainerRecord("db", "shop-db-1", "c0ffee",
                new TreeMap<>(Map.of("process", "p1", "env", "e\"1")), "service:a", null, "a");
        ContainerRecord a = new ContainerRecord("a", "shop-a-1", "h", new TreeMap<>(), "host", null, null);
        store.write(db);
        store.write(a);
        assertEquals(CONTAINER, Files.readString(paths().containerRecord("shop-db-1"), StandardCharsets.UTF_8));
        assertEquals(EMPTY_PARTS, Files.readString(paths().containerRecord("shop-a-1"), StandardCharsets.UTF_8));
        assertEquals(Map.of("db", db, "a", a), store.containers());
    }

    @Test
    @DisplayName("a pin record is written as the data binding wrote it, and read back equal")
    void pinRecordGolden() throws Exception {
        RecordStore store = new RecordStore(paths(), w -> { });
        store.write(new PinRecord("a", "/run/netns/jstack-shop-a"));
        assertEquals(PIN, Files.readString(paths().pinRecord("a"), StandardCharsets.UTF_8));
        assertEquals(Map.of("a", new PinRecord("a", "/run/netns/jstack-shop-a")), store.pins());
    }

    @Test
    @DisplayName("records written earlier by the data binding are read: missing fields are null, unknown ones ignored")
    void oldRecordsAreRead() throws Exception {
        Files.createDirectories(paths().pinRecordsDir());
        Files.writeString(paths().containerRecord("shop-db-1"), CONTAINER);
        Files.writeString(paths().containerRecord("shop-c-1"),
                "{\"service\":\"c\",\"container\":\"shop-c-1\",\"configHash\":\"x\",\"later\":[1,{\"k\":true}]}");
        Files.writeString(paths().pinRecord("a"), PIN);
        List<String> warnings = new ArrayList<>();
        RecordStore store = new RecordStore(paths(), warnings::add);
        assertEquals(new ContainerRecord("db", "shop-db-1", "c0ffee",
                new TreeMap<>(Map.of("process", "p1", "env", "e\"1")), "service:a", null, "a"),
                store.containers().get("db"));
        assertEquals(new ContainerRecord("c", "shop-c-1", "x", null, null, null, null), store.containers().get("c"));
        assertEquals(Map.of("a", new PinRecord("a", "/run/netns/jstack-shop-a")), store.pins());
        assertEquals(List.of(), warnings);
    }

    @Test
    @DisplayName("a record of the wrong shape is skipped with a warning that says what is wrong")
    void wrongShapes() throws Exception {
        Files.createDirectories(paths().recordsDir());
        Files.writeString(paths().containerRecord("shop-a-1"), "[\"a\"]");
        Files.writeString(paths().containerRecord("shop-b-1"), "{\"service\":\"b\",\"partHashes\":{\"env\":1}}");
        Files.writeString(paths().containerRecord("shop-c-1"), "{\"service\":7}");
        Files.writeString(paths().containerRecord("shop-d-1"), "{\"service\":\"d\"} {}");
        List<String> warnings = new ArrayList<>();
        RecordStore store = new RecordStore(paths(), warnings::add);
        assertEquals(Map.of(), store.containers());
        Path dir = paths().recordsDir();
        assertEquals(List.of(
                "ignoring unreadable record " + dir.resolve("shop-a-1.json") + ": the record is not a JSON object",
                "ignoring unreadable record " + dir.resolve("shop-b-1.json") + ": \"env\" is not a string",
                "ignoring unreadable record " + dir.resolve("shop-c-1.json") + ": \"service\" is not a string",
                "ignoring unreadable record " + dir.resolve("shop-d-1.json") + ": more than one JSON document"),
                warnings);
    }
}
