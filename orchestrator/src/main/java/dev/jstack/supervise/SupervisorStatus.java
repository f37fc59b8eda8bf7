package dev.jstack.supervise;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a supervisor last said of its services, as {@code ps} shows it: health ({@code none} without a check)
 * and restarts per service. Written to a temp file and renamed, so a reader sees a whole status or the last one.
 * Written and read with Jackson's streaming parser, not its data binding: the supervisor writes it for as long as
 * it runs, and data binding's classes would stay loaded in it for that one small file.
 */
public record SupervisorStatus(int pid, SortedMap<String, Service> services) {
    static final JsonFactory JSON = new JsonFactory();

    /** One service: its health, how often the supervisor restarted it, and its last exit code (null: unknown). */
    public record Service(String health, int restarts, Integer lastExit) {
    }

    public SupervisorStatus {
        services = new TreeMap<>(services);
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
             JsonGenerator json = JSON.createGenerator(out)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeNumberField("pid", pid);
            json.writeObjectFieldStart("services");
            for (Map.Entry<String, Service> e : services.entrySet()) {
                json.writeObjectFieldStart(e.getKey());
                json.writeStringField("health", e.getValue().health());
                json.writeNumberField("restarts", e.getValue().restarts());
                json.writeFieldName("lastExit");
                if (e.getValue().lastExit() == null) {
                    json.writeNull();
                } else {
                    json.writeNumber(e.getValue().lastExit());
                }
                json.writeEndObject();
            }
            json.writeEndObject();
            json.writeEndObject();
        }
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
        try (JsonParser json = JSON.createParser(file.toFile())) {
            expect(json.nextToken(), JsonToken.START_OBJECT);
            int pid = 0;
            SortedMap<String, Service> services = new TreeMap<>();
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.getCurrentName();
                JsonToken value = json.nextToken();
                if (field.equals("pid")) {
                    pid = json.getIntValue();
                } else if (field.equals("services")) {
                    expect(value, JsonToken.START_OBJECT);
                    while (json.nextToken() == JsonToken.FIELD_NAME) {
                        String name = json.getCurrentName();
                        expect(json.nextToken(), JsonToken.START_OBJECT);
                        services.put(name, service(json));
                    }
                } else {
                    json.skipChildren();
                }
            }
            return Optional.of(new SupervisorStatus(pid, services));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    // The fields of one service, the parser on its START_OBJECT; unknown fields are skipped.
    private static Service service(JsonParser json) throws IOException {
        String health = null;
        int restarts = 0;
        Integer lastExit = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.getCurrentName();
            JsonToken value = json.nextToken();
            switch (field) {
                case "health" -> health = value == JsonToken.VALUE_NULL ? null : json.getText();
                case "restarts" -> restarts = json.getIntValue();
                case "lastExit" -> lastExit = value == JsonToken.VALUE_NULL ? null : json.getIntValue();
                default -> json.skipChildren();
            }
        }
        return new Service(health, restarts, lastExit);
    }

    static void expect(JsonToken found, JsonToken wanted) throws IOException {
        if (found != wanted) {
            throw new IOException("expected " + wanted + ", found " + found);
        }
    }
}
