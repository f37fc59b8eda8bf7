package dev.jstack.runtime.image;

import dev.jstack.runtime.RuntimeFailure;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Owns reading one archive into a staging directory of the store: it tells the formats apart, extracts the layers
 * the store does not hold yet, and checks every digest. Nothing it stages is visible until the store commits it.
 */
final class ImageImporter {
    private final LayerExtractor extractor;
    private final Path staging;
    private final Predicate<Digest> layerStored;

    /** One layer after staging: {@code dir} is null when the store already holds it. */
    record StagedLayer(Digest diffId, Path dir) {
    }

    /** An image ready to commit. */
    record Staged(byte[] config, Digest id, byte[] manifest, Digest manifestDigest, ImageConfig parsed,
                  List<StagedLayer> layers, long size) {
    }

    ImageImporter(LayerFiles files, Path staging, Predicate<Digest> layerStored) {
        this.extractor = new LayerExtractor(files);
        this.staging = staging;
        this.layerStored = layerStored;
    }

    Staged stage(Path source) throws RuntimeFailure, IOException {
        if (Files.isDirectory(source)) {
            try (ImageArchive archive = ImageArchive.directory(source.toAbsolutePath().normalize())) {
                ManifestReader reader = new ManifestReader(archive);
                if (!reader.isImage()) {
                    throw new ImageFailure(source + " is neither an OCI image layout (oci-layout, index.json) nor"
                            + " a docker save directory (manifest.json)");
                }
                return image(archive, reader.read());
            }
        }
        if (!Files.isRegularFile(source)) {
            throw new ImageFailure(source + " does not exist: give an image archive, an OCI layout directory or"
                    + " a root file system tarball");
        }
        if (compressed(source)) {
            return rootfs(source);
        }
        try (ImageArchive archive = openTar(source)) {
            ManifestReader reader = new ManifestReader(archive);
            if (reader.isImage()) {
                return image(archive, reader.read());
            }
        }
        return rootfs(source);
    }

    private static ImageArchive openTar(Path file) throws ImageFailure {
        try {
            return ImageArchive.tar(file);
        } catch (IOException e) {
            throw new ImageFailure(file + " is not a tar archive, or is truncated or corrupt: " + e.getMessage(), e);
        }
    }

    private Staged image(ImageArchive archive, ImageManifest m) throws RuntimeFailure, IOException {
        ImageConfig config = ImageConfig.parse(m.config(), "the image configuration " + m.configDigest());
        if (config.diffIds().size() != m.layers().size()) {
            throw new ImageFailure("the manifest lists " + m.layers().size() + " layers but the configuration "
                    + config.diffIds().size() + " diff ids: the archive is inconsistent");
        }
        List<StagedLayer> layers = new ArrayList<>();
        long size = 0;
        for (int i = 0; i < m.layers().size(); i++) {
            ImageManifest.Layer layer = m.layers().get(i);
            Digest diffId = config.diffIds().get(i);
            Path dir = layerStored.test(diffId) ? null : Files.createDirectory(staging.resolve("layer-" + i));
            LayerExtractor.Result r;
            try (InputStream in = archive.open(layer.path())) {
                r = extract(in, dir, "layer " + layer.path());
            }
            if (layer.digest() != null && !layer.digest().equals(r.blobDigest())) {
                throw new ImageFailure("digest mismatch: layer `" + layer.path() + "` has " + r.blobDigest()
                        + ", the manifest says " + layer.digest() + ": the archive is corrupt or was modified");
            }
            if (!diffId.equals(r.diffId())) {
                throw new ImageFailure("digest mismatch: layer `" + layer.path() + "` unpacks to " + r.diffId()
                        + ", the configuration says " + diffId + ": the archive is corrupt or was modified");
            }
            layers.add(new StagedLayer(diffId, dir));
            size += r.size();
        }
        return new Staged(m.config(), m.configDigest(), m.manifest(), m.manifestDigest(), config,
                List.copyOf(layers), size);
    }

    private Staged rootfs(Path tarball) throws RuntimeFailure, IOException {
        Path dir = Files.createDirectory(staging.resolve("layer-0"));
        LayerExtractor.Result r;
        try (InputStream in = Files.newInputStream(tarball)) {
            r = extract(in, dir, tarball.toString());
        }
        byte[] config = ImageConfig.forRootfs(r.diffId(), Instant.now().toString(), ManifestReader.architecture());
        Digest id = Digest.of(config);
        boolean stored = layerStored.test(r.diffId());
        return new Staged(config, id, null, null, ImageConfig.parse(config, "a rootfs configuration"),
                List.of(new StagedLayer(r.diffId(), stored ? null : dir)), r.size());
    }

    private LayerExtractor.Result extract(InputStream in, Path dir, String what) throws RuntimeFailure {
        try {
            return extractor.read(in, dir);
        } catch (ImageFailure e) {
            throw new ImageFailure(what + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ImageFailure(what + " is truncated or corrupt: " + e.getMessage(), e);
        }
    }

    /** gzip, bzip2 or xz by their magic numbers: only a root file system tarball comes compressed as a whole. */
    private static boolean compressed(Path file) throws IOException, ImageFailure {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            byte[] m = in.readNBytes(6);
            boolean gzip = m.length >= 2 && (m[0] & 0xff) == 0x1f && (m[1] & 0xff) == 0x8b;
            boolean bzip2 = m.length >= 3 && m[0] == 'B' && m[1] == 'Z' && m[2] == 'h';
            boolean xz = m.length >= 6 && (m[0] & 0xff) == 0xfd && m[1] == '7' && m[2] == 'z' && m[3] == 'X';
            if (bzip2 || xz) {
                throw new ImageFailure(file + " is compressed with " + (xz ? "xz" : "bzip2")
                        + ", which jstack does not read: give an uncompressed or gzip tarball");
            }
            return gzip;
        }
    }
}
