package dev.jstack.runtime.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Owns reading the two archive formats real tools write: an OCI image layout ({@code oci-layout}, {@code index.json},
 * {@code blobs/sha256/...}: skopeo, umoci, podman's oci-archive and oci-dir) and docker save's
 * {@code manifest.json} (docker and podman). Every blob it returns has been checked against its digest.
 */
final class ManifestReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HEX_NAME = Pattern.compile("(?:^|/)(?:sha256[:/])?([0-9a-f]{64})(?:\\.json)?$");
    private static final String INDEX_TYPE = "application/vnd.oci.image.index.v1+json";
    private static final String DOCKER_LIST_TYPE = "application/vnd.docker.distribution.manifest.list.v2+json";

    private final ImageArchive archive;

    ManifestReader(ImageArchive archive) {
        this.archive = archive;
    }

    /** Whether the archive is an image at all (else it is taken for a plain root file system). */
    boolean isImage() throws IOException {
        return isOciLayout() || archive.has("manifest.json");
    }

    ImageManifest read() throws IOException, ImageFailure {
        return isOciLayout() ? oci() : docker();
    }

    private boolean isOciLayout() throws IOException {
        return archive.has("oci-layout") && archive.has("index.json");
    }

    private ImageManifest oci() throws IOException, ImageFailure {
        JsonNode descriptor = single(json(archive.read("index.json"), "index.json").path("manifests"), "index.json");
        while (isIndex(descriptor)) {
            descriptor = platform(json(blob(descriptor), "the image index " + text(descriptor, "digest")));
        }
        byte[] manifestBytes = blob(descriptor);
        JsonNode manifest = json(manifestBytes, "the manifest " + text(descriptor, "digest"));
        JsonNode config = manifest.path("config");
        byte[] configBytes = blob(config);
        List<ImageManifest.Layer> layers = new ArrayList<>();
        for (JsonNode layer : manifest.path("layers")) {
            Digest digest = Digest.parse(text(layer, "digest"));
            layers.add(new ImageManifest.Layer(blobPath(digest), digest));
        }
        return new ImageManifest(configBytes, Digest.parse(text(config, "digest")), manifestBytes,
                Digest.parse(text(descriptor, "digest")), List.copyOf(layers));
    }

    private ImageManifest docker() throws IOException, ImageFailure {
        JsonNode entry = single(json(archive.read("manifest.json"), "manifest.json"), "manifest.json");
        String configPath = text(entry, "Config");
        byte[] config = archive.read(configPath);
        Digest configDigest = Digest.of(config);
        checkNamed(configPath, configDigest);
        List<ImageManifest.Layer> layers = new ArrayList<>();
        for (JsonNode layer : entry.path("Layers")) {
            Matcher m = HEX_NAME.matcher(layer.asText());
            layers.add(new ImageManifest.Layer(layer.asText(), m.find() ? new Digest(m.group(1)) : null));
        }
        return new ImageManifest(config, configDigest, null, null, List.copyOf(layers));
    }

    // A config named by its digest (blobs/sha256/HEX, HEX.json) must have that digest.
    private static void checkNamed(String path, Digest actual) throws ImageFailure {
        Matcher m = HEX_NAME.matcher(path);
        if (m.find() && !m.group(1).equals(actual.hex())) {
            throw new ImageFailure("digest mismatch: `" + path + "` has sha256:" + actual.hex()
                    + ": the archive is corrupt or was modified after it was written");
        }
    }

    /** The blob a descriptor points to, checked against the descriptor's digest and size. */
    private byte[] blob(JsonNode descriptor) throws IOException, ImageFailure {
        Digest expected = Digest.parse(text(descriptor, "digest"));
        byte[] bytes = archive.read(blobPath(expected));
        Digest actual = Digest.of(bytes);
        if (!actual.equals(expected)) {
            throw new ImageFailure("digest mismatch: blob " + expected + " has " + actual
                    + ": the archive is corrupt or was modified after it was written");
        }
        long size = descriptor.path("size").asLong(bytes.length);
        if (size != bytes.length) {
            throw new ImageFailure("blob " + expected + " is " + bytes.length + " bytes, its descriptor says " + size);
        }
        return bytes;
    }

    static String blobPath(Digest digest) {
        return "blobs/sha256/" + digest.hex();
    }

    private static boolean isIndex(JsonNode descriptor) {
        String type = descriptor.path("mediaType").asText();
        return type.equals(INDEX_TYPE) || type.equals(DOCKER_LIST_TYPE);
    }

    /** The manifest of a multi-platform index that runs here: linux and this machine's architecture. */
    private static JsonNode platform(JsonNode index) throws ImageFailure {
        String arch = architecture();
        List<String> seen = new ArrayList<>();
        for (JsonNode m : index.path("manifests")) {
            JsonNode p = m.path("platform");
            if (p.path("os").asText().equals("linux") && p.path("architecture").asText().equals(arch)) {
                return m;
            }
            seen.add(p.path("os").asText() + "/" + p.path("architecture").asText());
        }
        throw new ImageFailure("the image index has no manifest for linux/" + arch + " (it has " + seen + ")");
    }

    /** This machine's architecture in OCI's words. */
    static String architecture() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
    }

    private static JsonNode single(JsonNode array, String what) throws ImageFailure {
        if (!array.isArray() || array.isEmpty()) {
            throw new ImageFailure(what + " lists no image");
        }
        if (array.size() > 1) {
            throw new ImageFailure(what + " lists " + array.size() + " images; jstack imports one image per"
                    + " archive: write the archive with one image (e.g. skopeo copy ... oci-archive:FILE:TAG)");
        }
        return array.get(0);
    }

    private static JsonNode json(byte[] bytes, String what) throws ImageFailure {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new ImageFailure(what + " is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static String text(JsonNode node, String field) throws ImageFailure {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new ImageFailure("an image descriptor lacks `" + field + "`: " + node);
        }
        return value.asText();
    }
}
