package dev.jstack.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Owns the extraction of an OCI runtime's own error message from what it left: its JSON log
 * ({@code --log FILE --log-format json}, one object per line), else its stderr, else the exit status.
 * Wording that repeats what jstack already says ("runc create failed: ") is dropped.
 */
final class RuntimeErrors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Pattern> REDUNDANT = List.of(
            Pattern.compile("^((runc|crun) )?[a-z]+ failed: "),
            Pattern.compile("^unable to start container process: "));

    private RuntimeErrors() {
    }

    /**
     * The runtime's last error: from its JSON log lines, else the last line of its stderr that is not one of those
     * (the log may be the stderr itself), else the status.
     */
    static String message(String jsonLog, String stderr, int exitCode) {
        String found = lastLoggedError(jsonLog);
        if (found == null) {
            found = lastLine(stderr);
        }
        return found == null ? "exited with status " + exitCode : trim(found);
    }

    /** The runtime's last logged error, if it logged one (warnings do not count). */
    static Optional<String> loggedError(String jsonLog) {
        return Optional.ofNullable(lastLoggedError(jsonLog)).map(RuntimeErrors::trim);
    }

    /** True when the message says the runtime does not know the container (runc's and crun's wordings). */
    static boolean isUnknownContainer(String message) {
        return message.contains("does not exist") || message.contains("No such file or directory");
    }

    private static String lastLoggedError(String jsonLog) {
        String found = null;
        for (String line : jsonLog.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode entry = JSON.readTree(line);
                String level = entry.path("level").asText("");
                if ((level.equals("error") || level.equals("fatal")) && entry.hasNonNull("msg")) {
                    found = entry.get("msg").asText();
                }
            } catch (IOException e) {
                // Not a JSON line (a runtime that ignored --log-format): stderr still tells.
                continue;
            }
        }
        return found;
    }

    private static String lastLine(String text) {
        String found = null;
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !isLogEntry(line)) {
                found = line.strip();
            }
        }
        return found;
    }

    // A line of the runtime's JSON log: an object with a level.
    private static boolean isLogEntry(String line) {
        if (!line.stripLeading().startsWith("{")) {
            return false;
        }
        try {
            return JSON.readTree(line).has("level");
        } catch (IOException e) {
            return false;
        }
    }

    private static String trim(String message) {
        String result = message.strip();
        for (Pattern pattern : REDUNDANT) {
            result = pattern.matcher(result).replaceFirst("");
        }
        return result;
    }
}
