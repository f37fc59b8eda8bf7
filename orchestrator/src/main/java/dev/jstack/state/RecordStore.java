package dev.jstack.state;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Owns jstack's record files of one project: one JSON file per container and per pin. Each is written to a
 * temp file and renamed, so a reader sees a whole record or none; a half-written, foreign or unreadable file
 * is skipped with a warning instead of breaking the command. The files are read and written as plain JSON values
 * ({@link JsonDocuments}), in the layout Jackson's data binding gave them: fields in the record's order, indented.
 */
public final class RecordStore {

    /** How one kind of record file becomes a record. */
    @FunctionalInterface
    private interface Reader<T> {
        T read(Map<String, Object> json) throws IOException;
    }

    private final ProjectPaths paths;
    private final Consumer<String> warnings;

    public RecordStore(ProjectPaths paths, Consumer<String> warnings) {
        this.paths = paths;
        this.warnings = warnings;
    }

    public void write(ContainerRecord record) throws IOException {
        JsonDocuments.replace(paths.containerRecord(record.container()), json(record), true);
    }

    public void write(PinRecord record) throws IOException {
        JsonDocuments.replace(paths.pinRecord(record.owner()), json(record), true);
    }

    public void deleteContainer(String container) throws IOException {
        Files.deleteIfExists(paths.containerRecord(container));
    }

    public void deletePin(String owner) throws IOException {
        Files.deleteIfExists(paths.pinRecord(owner));
    }

    /** Every readable container record, by service. */
    public SortedMap<String, ContainerRecord> containers() {
        SortedMap<String, ContainerRecord> out = new TreeMap<>();
        for (ContainerRecord r : readAll(paths.recordsDir(), RecordStore::containerRecord)) {
            out.put(r.service(), r);
        }
        return out;
    }

    /** Every readable pin record, by owner. */
    public SortedMap<String, PinRecord> pins() {
        SortedMap<String, PinRecord> out = new TreeMap<>();
        for (PinRecord r : readAll(paths.pinRecordsDir(), RecordStore::pinRecord)) {
            out.put(r.owner(), r);
        }
        return out;
    }

    private <T> List<T> readAll(Path dir, Reader<T> reader) {
        List<T> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.json")) {
            stream.forEach(files::add);
        } catch (IOException e) {
            warnings.accept("cannot list " + dir + ": " + e.getMessage());
            return out;
        }
        files.sort(null);
        for (Path file : files) {
            try {
                out.add(reader.read(JsonDocuments.object(JsonDocuments.read(file), "the record")));
            } catch (IOException | RuntimeException e) {
                warnings.accept("ignoring unreadable record " + file + ": " + firstLine(e.getMessage()));
            }
        }
        return out;
    }

    /** A container record as its file holds it. */
    static Map<String, Object> json(ContainerRecord r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("service", r.service());
        out.put("container", r.container());
        out.put("configHash", r.configHash());
        out.put("partHashes", r.partHashes() == null ? null : new TreeMap<>(r.partHashes()));
        out.put("networkMode", r.networkMode());
        out.put("netns", r.netns());
        out.put("owner", r.owner());
        return out;
    }

    /** A pin record as its file holds it. */
    static Map<String, Object> json(PinRecord r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("owner", r.owner());
        out.put("pin", r.pin());
        return out;
    }

    /** The container record a file holds; fields it lacks are null, fields it does not know are ignored. */
    static ContainerRecord containerRecord(Map<String, Object> json) throws IOException {
        Object parts = json.get("partHashes");
        SortedMap<String, String> partHashes = null;
        if (parts != null) {
            partHashes = new TreeMap<>();
            Map<String, Object> object = JsonDocuments.object(parts, "\"partHashes\"");
            for (String part : object.keySet()) {
                partHashes.put(part, JsonDocuments.string(object, part));
            }
        }
        return new ContainerRecord(JsonDocuments.string(json, "service"), JsonDocuments.string(json, "container"),
                JsonDocuments.string(json, "configHash"), partHashes, JsonDocuments.string(json, "networkMode"),
                JsonDocuments.string(json, "netns"), JsonDocuments.string(json, "owner"));
    }

    /** The pin record a file holds. */
    static PinRecord pinRecord(Map<String, Object> json) throws IOException {
        return new PinRecord(JsonDocuments.string(json, "owner"), JsonDocuments.string(json, "pin"));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
