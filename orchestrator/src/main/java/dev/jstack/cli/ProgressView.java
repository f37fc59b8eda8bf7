package dev.jstack.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jstack.apply.ProgressEvent;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shows the progress of an apply: plain lines of finished steps ({@code Container p-a-1  Started}) on stderr, one
 * JSON object per event on stdout, or, on a terminal, compose's block of one line per container that is redrawn
 * in place ({@code  ✔ Container p-a-1  Started}).
 */
abstract class ProgressView {

    abstract void show(ProgressEvent event);

    /** Called once the plan is applied: a redrawn block ends its last line. */
    void finish() {
    }

    static ProgressView of(ApplyOptions.ProgressMode mode, PrintWriter out, PrintWriter err) {
        return switch (mode) {
            case json -> new Json(out);
            case tty -> new Terminal(err);
            default -> new Plain(err);
        };
    }

    /** Finished steps, one line each. */
    static final class Plain extends ProgressView {
        private final PrintWriter err;

        Plain(PrintWriter err) {
            this.err = err;
        }

        @Override
        synchronized void show(ProgressEvent event) {
            if (event.done()) {
                err.println(event.text());
                err.flush();
            }
        }
    }

    /** Every event as one JSON object on its own line, for pipelines. */
    static final class Json extends ProgressView {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final PrintWriter out;

        Json(PrintWriter out) {
            this.out = out;
        }

        @Override
        synchronized void show(ProgressEvent event) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("kind", event.kind().equals("Container") ? "container" : "netns");
            line.put("name", event.name());
            line.put("service", event.service());
            line.put("status", event.status());
            line.put("done", event.done());
            try {
                out.println(JSON.writeValueAsString(line));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
            out.flush();
        }
    }

    /** One line per container or pin, redrawn in place with ANSI cursor movement as events arrive. */
    static final class Terminal extends ProgressView {
        private final PrintWriter err;
        private final Map<String, ProgressEvent> lines = new LinkedHashMap<>();
        private int drawn;

        Terminal(PrintWriter err) {
            this.err = err;
        }

        @Override
        synchronized void show(ProgressEvent event) {
            lines.put(event.kind() + " " + event.name(), event);
            StringBuilder text = new StringBuilder();
            if (drawn > 0) {
                text.append("\u001b[").append(drawn).append('A');
            }
            for (ProgressEvent e : lines.values()) {
                text.append("\r\u001b[2K").append(terminalLine(e)).append('\n');
            }
            drawn = lines.size();
            err.print(text);
            err.flush();
        }
    }

    /** One event as a terminal line: a check mark once done, a spinner glyph while under way. */
    static String terminalLine(ProgressEvent e) {
        return " " + (e.done() ? '\u2714' : '\u280b') + " " + e.text();
    }
}
