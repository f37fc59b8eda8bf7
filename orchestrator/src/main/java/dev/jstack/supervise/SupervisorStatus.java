package dev.jstack.supervise;

import dev.jstack.state.JsonDocuments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a supervisor last said of its services, as {@code ps} shows it: health ({@code none} without a check)
 * and restarts per service. Written to a temp file and renamed, so a reader sees a whole status or the last one.
 * Written and read as plain JSON values ({@link JsonDocuments}), not with Jackson's data binding: {@code ps} reads
 * it, where building a deserializer on first use is most of what reading one small file costs, and the supervisor
 * writes it for as long as it runs, where data binding's classes would stay loaded for this one file.
 */
public record SupervisorStatus(int pid, SortedMap<String, Service> services) {

    /** One service: its health, how often the supervisor restarted it, and its last exit code (null: unknown). */
    public record Service(String health, int restarts, Integer lastExit) {
    }

    public SupervisorStatus {
        services = new TreeMap<>(services);
    }

    public void write(Path file) throws IOException {
        JsonDocuments.replace(file, json(), true);
    }

    /** The status at {@code file}, or empty when there is none or it cannot be read. */
    public static Optional<SupervisorStatus> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(of(JsonDocuments.object(JsonDocuments.read(file), "the status")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    // Fields it lacks are zero or null, as the data binding made them; fields it does not know are ignored.
    static SupervisorStatus of(Map<String, Object> json) throws IOException {
        SortedMap<String, Service> services = new TreeMap<>();
        Object all = json.get("services");
        if (all != null) {
            Map<String, Object> byName = JsonDocuments.object(all, "\"services\"");
            for (Map.Entry<String, Object> e : byName.entrySet()) {
                Map<String, Object> s = JsonDocuments.object(e.getValue(), "service " + e.getKey());
                Integer restarts = JsonDocuments.integer(s, "restarts");
                services.put(e.getKey(), new Service(JsonDocuments.string(s, "health"),
                        restarts == null ? 0 : restarts, JsonDocuments.integer(s, "lastExit")));
            }
        }
        Integer pid = JsonDocuments.integer(json, "pid");
        return new SupervisorStatus(pid == null ? 0 : pid, services);
    }

    // The fields in the order the file has always had them; services sorted by name.
    private Map<String, Object> json() {
        Map<String, Object> byName = new LinkedHashMap<>();
        for (Map.Entry<String, Service> e : services.entrySet()) {
            Map<String, Object> service = new LinkedHashMap<>();
            service.put("health", e.getValue().health());
            service.put("restarts", e.getValue().restarts());
            service.put("lastExit", e.getValue().lastExit());
            byName.put(e.getKey(), service);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pid", pid);
        json.put("services", byName);
        return json;
    }
}
