package dev.jstack.supervise;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jstack.apply.ProgressEvent;
import java.io.UncheckedIOException;

/**
 * Owns how a progress event crosses the supervisor's socket: {@code event JSON} on one line, so that the command
 * shows it as {@code --progress} asks, as if it had applied the plan itself.
 */
public final class ProgressLines {
    static final String PREFIX = "event ";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProgressLines() {
    }

    static String encode(ProgressEvent event) {
        try {
            return PREFIX + JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The event of a line the supervisor sent, which starts with {@code event }. */
    public static ProgressEvent decode(String line) throws JsonProcessingException {
        return JSON.readValue(line.substring(PREFIX.length()), ProgressEvent.class);
    }

    /** True for a line that carries an event. */
    public static boolean isEvent(String line) {
        return line.startsWith(PREFIX);
    }
}
