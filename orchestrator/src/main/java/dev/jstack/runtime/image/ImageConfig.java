package dev.jstack.runtime.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of an OCI image configuration that jstack uses: the process defaults Docker applies (Entrypoint, Cmd,
 * Env, WorkingDir, User, StopSignal; null where the image sets none), when it was created, and the diff ids of its
 * layers, bottom first.
 */
public record ImageConfig(List<String> entrypoint, List<String> cmd, List<String> env, String workingDir,
                          String user, String stopSignal, String created, List<Digest> diffIds) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses a configuration blob; {@code what} names it in messages. */
    public static ImageConfig parse(byte[] json, String what) throws ImageFailure {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new ImageFailure(what + " is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new ImageFailure(what + " is not a JSON object");
        }
        JsonNode c = root.path("config");
        List<Digest> diffIds = new ArrayList<>();
        for (JsonNode id : root.path("rootfs").path("diff_ids")) {
            diffIds.add(Digest.parse(id.asText()));
        }
        return new ImageConfig(strings(c.get("Entrypoint")), strings(c.get("Cmd")), strings(c.get("Env")),
                text(c.get("WorkingDir")), text(c.get("User")), text(c.get("StopSignal")),
                text(root.get("created")), List.copyOf(diffIds));
    }

    /** The configuration of a plain root file system: one layer, no process defaults, created {@code created}. */
    static byte[] forRootfs(Digest diffId, String created, String architecture) {
        var root = JSON.createObjectNode();
        root.put("architecture", architecture);
        root.put("created", created);
        root.put("os", "linux");
        root.putObject("config");
        var rootfs = root.putObject("rootfs");
        rootfs.put("type", "layers");
        rootfs.putArray("diff_ids").add(diffId.toString());
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree of strings always serializes", e);
        }
    }

    private static List<String> strings(JsonNode node) {
        if (node == null || !node.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return List.copyOf(out);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.asText().isEmpty() ? null : node.asText();
    }
}
