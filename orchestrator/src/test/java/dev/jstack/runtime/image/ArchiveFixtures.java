package dev.jstack.runtime.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes OCI layouts and docker save archives from layer blobs, as skopeo and docker lay them out. */
final class ArchiveFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ArchiveFixtures() {
    }

    /** The configuration of an image with these uncompressed layers and {@code Cmd}. */
    static byte[] config(List<byte[]> uncompressed, List<String> cmd) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("created", "2024-01-02T03:04:05Z");
        ObjectNode c = root.putObject("config");
        ArrayNode cmdNode = c.putArray("Cmd");
        cmd.forEach(cmdNode::add);
        c.putArray("Env").add("PATH=/bin");
        c.put("WorkingDir", "/srv");
        ArrayNode ids = root.putObject("rootfs").put("type", "layers").putArray("diff_ids");
        uncompressed.forEach(l -> ids.add(Digest.of(l).toString()));
        return JSON.writeValueAsBytes(root);
    }

    /** An OCI layout in {@code dir}: blobs as given (gzip or not), {@code config} and one manifest. */
    static Path ociLayout(Path dir, byte[] config, List<byte[]> blobs) throws IOException {
        Files.createDirectories(dir.resolve("blobs/sha256"));
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2);
        manifest.set("config", descriptor(dir, config, "application/vnd.oci.image.config.v1+json"));
        ArrayNode layers = manifest.putArray("layers");
        for (byte[] blob : blobs) {
            layers.add(descriptor(dir, blob, "application/vnd.oci.image.layer.v1.tar+gzip"));
        }
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2);
        index.putArray("manifests").add(descriptor(dir, JSON.writeValueAsBytes(manifest),
                "application/vnd.oci.image.manifest.v1+json"));
        Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(index));
        return dir;
    }

    private static ObjectNode descriptor(Path dir, byte[] blob, String type) throws IOException {
        Digest d = Digest.of(blob);
        Files.write(dir.resolve("blobs/sha256").resolve(d.hex()), blob);
        return JSON.createObjectNode().put("mediaType", type).put("digest", d.toString()).put("size", blob.length);
    }

    /** A docker save archive: {@code manifest.json}, {@code HEX.json} and {@code ID/layer.tar} per layer. */
    static byte[] dockerSave(byte[] config, List<byte[]> layers) throws IOException {
        TarBuilder tar = new TarBuilder();
        String configName = Digest.of(config).hex() + ".json";
        tar.file(configName, config, 0644, 0, 0);
        ObjectNode entry = JSON.createObjectNode().put("Config", configName);
        entry.putArray("RepoTags").add("app:1");
        ArrayNode names = entry.putArray("Layers");
        for (int i = 0; i < layers.size(); i++) {
            String name = "layer" + i + "/layer.tar";
            tar.file(name, layers.get(i), 0644, 0, 0);
            names.add(name);
        }
        tar.file("manifest.json", JSON.writeValueAsBytes(JSON.createArrayNode().add(entry)), 0644, 0, 0);
        return tar.build();
    }
}
