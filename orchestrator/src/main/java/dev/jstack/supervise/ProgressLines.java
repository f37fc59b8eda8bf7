package dev.jstack.supervise;

import dev.jstack.apply.ProgressEvent;
import dev.jstack.state.JsonDocuments;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Owns how a progress event crosses the supervisor's socket: {@code event JSON} on one line, so that the command
 * shows it as {@code --progress} asks, as if it had applied the plan itself. Plain JSON values ({@link
 * JsonDocuments}) rather than Jackson's data binding, which the supervisor would otherwise keep loaded for this.
 */
public final class ProgressLines {
    static final String PREFIX = "event ";

    private ProgressLines() {
    }

    static String encode(ProgressEvent event) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", event.kind());
        json.put("name", event.name());
        json.put("service", event.service());
        json.put("status", event.status());
        json.put("done", event.done());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            JsonDocuments.write(out, json, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return PREFIX + out.toString(StandardCharsets.UTF_8);
    }

    /** The event of a line the supervisor sent, which starts with {@code event }. */
    public static ProgressEvent decode(String line) throws IOException {
        Map<String, Object> json = JsonDocuments.object(JsonDocuments.parse(line.substring(PREFIX.length())),
                "a progress event");
        return new ProgressEvent(JsonDocuments.string(json, "kind"), JsonDocuments.string(json, "name"),
                JsonDocuments.string(json, "service"), JsonDocuments.string(json, "status"),
                Boolean.TRUE.equals(json.get("done")));
    }

    /** True for a line that carries an event. */
    public static boolean isEvent(String line) {
        return line.startsWith(PREFIX);
    }
}
