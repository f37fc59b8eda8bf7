package dev.jstack.spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads what a service runs: {@code entrypoint}, {@code command}, {@code environment} with {@code env_file}
 * folded in (environment wins), {@code working_dir}, {@code user} and {@code init}.
 */
final class ProcessReader {

    private final BuildContext ctx;
    private final Values v;

    ProcessReader(BuildContext ctx) {
        this.ctx = ctx;
        this.v = ctx.values();
    }

    Service.Process read(YNode.Mapping svc, String path) {
        List<String> entrypoint = words(svc.get("entrypoint"), path + ".entrypoint");
        List<String> command = words(svc.get("command"), path + ".command");
        SortedMap<String, String> environment = new TreeMap<>(envFiles(svc.get("env_file"), path + ".env_file"));
        environment.putAll(environment(svc.get("environment"), path + ".environment"));
        String workingDir = v.string(svc.get("working_dir"), path + ".working_dir");
        if (workingDir != null && !workingDir.startsWith("/")) {
            v.error(svc.get("working_dir"), "`" + path + ".working_dir` must be an absolute path, found `"
                    + workingDir + "`", Fixes.WORKING_DIR);
            workingDir = null;
        }
        String user = v.string(svc.get("user"), path + ".user");
        Boolean init = v.bool(svc.get("init"), path + ".init");
        return new Service.Process(entrypoint, command, environment, workingDir, user, init != null && init);
    }

    /** A string split into words, or a list taken as it is; null when not set. */
    private List<String> words(YNode node, String path) {
        if (node == null || node instanceof YNode.Scalar s && (s.isNull() || s.broken())) return null;
        if (node instanceof YNode.Scalar s) {
            try {
                return ShellWords.split(s.text());
            } catch (IllegalArgumentException e) {
                v.error(node, "`" + path + "`: " + e.getMessage(), Fixes.QUOTES);
                return null;
            }
        }
        if (node instanceof YNode.Sequence) return v.list(node, path, YNode.Scalar::text);
        v.error(node, "`" + path + "` must be a string or a list, found " + YNode.describe(node),
                Fixes.write("a string or a list of strings"));
        return null;
    }

    /** {@code environment} (a mapping after ShortForms); a null value comes from the environment or is dropped. */
    private SortedMap<String, String> environment(YNode node, String path) {
        SortedMap<String, String> result = new TreeMap<>();
        for (Map.Entry<String, String> e : v.stringMap(node, path).entrySet()) {
            String value = e.getValue() != null ? e.getValue() : ctx.env().get(e.getKey());
            if (value != null) result.put(e.getKey(), value);
        }
        return result;
    }

    private Map<String, String> envFiles(YNode node, String path) {
        Map<String, String> result = new TreeMap<>();
        if (node == null) return result;
        List<YNode> items = node instanceof YNode.Sequence q ? q.items() : List.of(node);
        for (YNode item : items) {
            if (item instanceof YNode.Mapping m) {
                Keys.check(m, new Keys.Place(path, Keys.ENV_FILE, Keys.ENV_FILE_UNSUPPORTED, false, false), ctx.out());
                Boolean required = v.bool(m.get("required"), path + ".required");
                envFile(m.get("path"), path + ".path", required == null || required, m, result);
            } else if (item instanceof YNode.Scalar) {
                envFile(item, path, true, item, result);
            } else {
                v.error(item, "`" + path + "` entries must be a path or `{path, required}`, found "
                        + YNode.describe(item), Fixes.write("a path, a list of paths, or {path, required}"));
            }
        }
        return result;
    }

    private void envFile(YNode pathNode, String path, boolean required, YNode where, Map<String, String> into) {
        String text = v.string(pathNode, path);
        if (text == null) {
            if (pathNode == null) v.error(where, "`" + path + "` needs a `path`", Fixes.write("{path, required}"));
            return;
        }
        String abs = ctx.hostPath(text, where.at());
        if (abs == null) return;
        Path file = Path.of(abs);
        if (!Files.isRegularFile(file)) {
            if (required) v.error(pathNode, "env file `" + text + "` not found (" + abs + ")", Fixes.ENV_FILE_MISSING);
            return;
        }
        into.putAll(ctx.env().readServiceFile(file, ctx.shown(file), ctx.out()));
    }
}
