package dev.jstack.supervise;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.jstack.apply.ProgressEvent;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Owns how a progress event crosses the supervisor's socket: {@code event JSON} on one line, so that the command
 * shows it as {@code --progress} asks, as if it had applied the plan itself. Jackson's streaming parser and
 * generator rather than its data binding, which the supervisor would otherwise keep loaded for this alone.
 */
public final class ProgressLines {
    static final String PREFIX = "event ";

    private ProgressLines() {
    }

    static String encode(ProgressEvent event) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = SupervisorStatus.JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("kind", event.kind());
            json.writeStringField("name", event.name());
            json.writeStringField("service", event.service());
            json.writeStringField("status", event.status());
            json.writeBooleanField("done", event.done());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return PREFIX + out;
    }

    /** The event of a line the supervisor sent, which starts with {@code event }. */
    public static ProgressEvent decode(String line) throws IOException {
        try (JsonParser json = SupervisorStatus.JSON.createParser(line.substring(PREFIX.length()))) {
            SupervisorStatus.expect(json.nextToken(), JsonToken.START_OBJECT);
            String kind = null;
            String name = null;
            String service = null;
            String status = null;
            boolean done = false;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.getCurrentName();
                JsonToken value = json.nextToken();
                String text = value == JsonToken.VALUE_NULL ? null : json.getText();
                switch (field) {
                    case "kind" -> kind = text;
                    case "name" -> name = text;
                    case "service" -> service = text;
                    case "status" -> status = text;
                    case "done" -> done = value == JsonToken.VALUE_TRUE;
                    default -> json.skipChildren();
                }
            }
            return new ProgressEvent(kind, name, service, status, done);
        }
    }

    /** True for a line that carries an event. */
    public static boolean isEvent(String line) {
        return line.startsWith(PREFIX);
    }
}
