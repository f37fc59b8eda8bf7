package dev.jstack.supervise;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a supervisor last said of its services, as {@code ps} shows it: health ({@code none} without a check)
 * and restarts per service. Written to a temp file and renamed, so a reader sees a whole status or the last one.
 */
public record SupervisorStatus(int pid, SortedMap<String, Service> services) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** One service: its health, how often the supervisor restarted it, and its last exit code (null: unknown). */
    public record Service(String health, int restarts, Integer lastExit) {
    }

    public SupervisorStatus {
        services = new TreeMap<>(services);
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        JSON.writeValue(temp.toFile(), this);
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The status at {@code file}, or empty when there is none or it cannot be read. */
    public static Optional<SupervisorStatus> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), SupervisorStatus.class));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
