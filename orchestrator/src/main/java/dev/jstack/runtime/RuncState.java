package dev.jstack.runtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fields of one of runc's state files that jstack reads: what a status needs, and whether runc's {@code delete}
 * of the stopped container would undo only its cgroups and its state directory ({@code plainTeardown}). The file
 * holds the container's whole configuration (8 KB and more), which is skipped token by token rather than built into
 * a tree: at 100 containers building the trees was a fifth of the CPU time of {@code ps}.
 */
record RuncState(String id, int pid, long start, List<String> labels, Map<String, String> cgroupPaths,
                 boolean plainTeardown) {
    private static final JsonFactory JSON = new JsonFactory();
    private static final String BUNDLE_LABEL = "bundle=";

    /** Reads a state file's bytes; a file without an id, or not a JSON object, fails. */
    static RuncState parse(byte[] json) throws IOException {
        try (JsonParser p = JSON.createParser(json)) {
            expect(p, p.nextToken(), JsonToken.START_OBJECT);
            String id = null;
            int pid = 0;
            long start = -1;
            Config config = Config.UNKNOWN;
            Map<String, String> cgroupPaths = null;
            boolean plainState = true;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "id" -> id = p.getValueAsString();
                    case "init_process_pid" -> pid = p.getValueAsInt(0);
                    case "init_process_start" -> start = p.getValueAsLong(-1);
                    case "config" -> config = Config.parse(p, value);
                    case "cgroup_paths" -> cgroupPaths = strings(p, value);
                    case "rootless" -> plainState &= value == JsonToken.VALUE_FALSE;
                    case "intel_rdt_path" -> plainState &= absent(p, value);
                    default -> p.skipChildren();
                }
            }
            expect(p, p.currentToken(), JsonToken.END_OBJECT);
            if (id == null) {
                throw new IOException("no id");
            }
            return new RuncState(id, pid, start, config.labels(), cgroupPaths == null ? Map.of() : cgroupPaths,
                    plainState && config.plainTeardown() && cgroupPaths != null);
        }
    }

    /** The bundle directory, from the label runc adds to every container's configuration. */
    Path bundle() {
        for (String label : labels) {
            if (label.startsWith(BUNDLE_LABEL)) {
                return Path.of(label.substring(BUNDLE_LABEL.length()));
            }
        }
        return null;
    }

    /**
     * The parts of the configuration read here: its labels, and whether the teardown is plain. It is when the
     * configuration names no post-stop hook, has cgroupfs (not systemd) manage its cgroups, is not rootless, asks
     * for no Intel RDT group, hands over no network device and gives the container a PID namespace of its own:
     * without one, runc kills whatever is left in the container's cgroups first. Anything else, a part of another
     * shape than runc 1.1 writes, or a configuration without these parts, is not plain.
     */
    private record Config(List<String> labels, boolean plainTeardown) {
        static final Config UNKNOWN = new Config(List.of(), false);
        private static final String PID_NAMESPACE = "NEWPID";

        static Config parse(JsonParser p, JsonToken config) throws IOException {
            if (config != JsonToken.START_OBJECT) {
                p.skipChildren();
                return UNKNOWN;
            }
            List<String> labels = new ArrayList<>();
            boolean plain = true;
            boolean cgroupfs = false;
            boolean ownPidNamespace = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "labels" -> labels(p, value, labels);
                    case "Hooks", "hooks" -> plain &= noPoststop(p, value);
                    case "cgroups" -> cgroupfs = cgroupfs(p, value);
                    case "namespaces" -> ownPidNamespace = ownPidNamespace(p, value);
                    case "rootless_euid", "rootless_cgroups" -> plain &= value == JsonToken.VALUE_FALSE;
                    case "intel_rdt", "net_devices" -> plain &= absent(p, value);
                    default -> p.skipChildren();
                }
            }
            return new Config(labels, plain && cgroupfs && ownPidNamespace);
        }

        // The labels name the bundle: a label of another kind than a string makes the file unreadable here.
        private static void labels(JsonParser p, JsonToken value, List<String> labels) throws IOException {
            if (value != JsonToken.START_ARRAY) {
                p.skipChildren();
                return;
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                expect(p, t, JsonToken.VALUE_STRING);
                labels.add(p.getText());
            }
        }

        // Hooks: {"poststop": [...] or null, ...}; null as a whole is no hook at all.
        private static boolean noPoststop(JsonParser p, JsonToken value) throws IOException {
            if (value == JsonToken.VALUE_NULL) {
                return true;
            }
            if (value != JsonToken.START_OBJECT) {
                p.skipChildren();
                return false;
            }
            boolean none = true;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String hook = p.currentName();
                JsonToken hooks = p.nextToken();
                if (hook.equalsIgnoreCase("poststop")) {
                    none &= absent(p, hooks);
                } else {
                    p.skipChildren();
                }
            }
            return none;
        }

        // cgroups: managed by cgroupfs when "Systemd" and "Rootless" are both there and false.
        private static boolean cgroupfs(JsonParser p, JsonToken value) throws IOException {
            if (value != JsonToken.START_OBJECT) {
                p.skipChildren();
                return false;
            }
            boolean systemdFalse = false;
            boolean rootlessFalse = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken field = p.nextToken();
                switch (name) {
                    case "Systemd" -> systemdFalse = field == JsonToken.VALUE_FALSE;
                    case "Rootless" -> rootlessFalse = field == JsonToken.VALUE_FALSE;
                    default -> p.skipChildren();
                }
            }
            return systemdFalse && rootlessFalse;
        }

        // namespaces: [{"type": "NEWPID", "path": ""}, ...]; a path joins an existing namespace.
        private static boolean ownPidNamespace(JsonParser p, JsonToken value) throws IOException {
            if (value != JsonToken.START_ARRAY) {
                p.skipChildren();
                return false;
            }
            boolean own = false;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t != JsonToken.START_OBJECT) {
                    p.skipChildren();
                    continue;
                }
                String type = "";
                String path = "";
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    switch (name) {
                        case "type" -> type = p.getValueAsString("");
                        case "path" -> path = p.getValueAsString("");
                        default -> p.skipChildren();
                    }
                }
                own |= type.equals(PID_NAMESPACE) && path.isEmpty();
            }
            return own;
        }
    }

    // cgroup_paths: subsystem -> directory; runc names the unified hierarchy "".
    private static Map<String, String> strings(JsonParser p, JsonToken object) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (object != JsonToken.START_OBJECT) {
            p.skipChildren();
            return out;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            if (p.nextToken() == JsonToken.VALUE_STRING) {
                out.put(key, p.getText());
            } else {
                p.skipChildren();
            }
        }
        return out;
    }

    // null, an empty string, array or object: nothing of that kind to undo.
    private static boolean absent(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return true;
        }
        if (value == JsonToken.VALUE_STRING) {
            return p.getText().isEmpty();
        }
        if (value == JsonToken.START_ARRAY || value == JsonToken.START_OBJECT) {
            JsonToken end = value == JsonToken.START_ARRAY ? JsonToken.END_ARRAY : JsonToken.END_OBJECT;
            if (p.nextToken() == end) {
                return true;
            }
            p.skipChildren();
            for (JsonToken t = p.nextToken(); t != end; t = p.nextToken()) {
                if (t == null) {
                    throw new IOException("the file ends inside " + value);
                }
                p.skipChildren();
            }
        }
        return false;
    }

    private static void expect(JsonParser p, JsonToken got, JsonToken wanted) throws IOException {
        if (got != wanted) {
            throw new IOException("expected " + wanted + " but found " + got + " at " + p.currentLocation());
        }
    }
}
