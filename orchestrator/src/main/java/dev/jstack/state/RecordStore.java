package dev.jstack.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Owns jstack's record files of one project: one JSON file per container and per pin. Each is written to a
 * temp file and renamed, so a reader sees a whole record or none; a half-written, foreign or unreadable file
 * is skipped with a warning instead of breaking the command.
 */
public final class RecordStore {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final ProjectPaths paths;
    private final Consumer<String> warnings;

    public RecordStore(ProjectPaths paths, Consumer<String> warnings) {
        this.paths = paths;
        this.warnings = warnings;
    }

    public void write(ContainerRecord record) throws IOException {
        writeAtomically(paths.containerRecord(record.container()), record);
    }

    public void write(PinRecord record) throws IOException {
        writeAtomically(paths.pinRecord(record.owner()), record);
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
        for (ContainerRecord r : readAll(paths.recordsDir(), ContainerRecord.class)) {
            out.put(r.service(), r);
        }
        return out;
    }

    /** Every readable pin record, by owner. */
    public SortedMap<String, PinRecord> pins() {
        SortedMap<String, PinRecord> out = new TreeMap<>();
        for (PinRecord r : readAll(paths.pinRecordsDir(), PinRecord.class)) {
            out.put(r.owner(), r);
        }
        return out;
    }

    private <T> List<T> readAll(Path dir, Class<T> type) {
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
                out.add(JSON.readValue(file.toFile(), type));
            } catch (IOException | RuntimeException e) {
                warnings.accept("ignoring unreadable record " + file + ": " + firstLine(e.getMessage()));
            }
        }
        return out;
    }

    private static void writeAtomically(Path target, Object value) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            JSON.writeValue(temp.toFile(), value);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
