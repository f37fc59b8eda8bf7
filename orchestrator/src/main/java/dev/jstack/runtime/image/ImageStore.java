package dev.jstack.runtime.image;

import dev.jstack.runtime.RuntimeFailure;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Owns jstack's local, content-addressed image store (DESIGN.md §5): {@code blobs/sha256/HEX} for configurations
 * and manifests, {@code layers/DIFFID/} for each layer extracted on its own in overlay's format (so a layer two
 * images share is stored once), and {@code index.json} for the names. Every change runs under the store's lock,
 * stages in {@code tmp/} and renames into place, so a failed or interrupted import leaves nothing behind.
 */
public final class ImageStore {
    public static final Path DEFAULT_ROOT = Path.of("/var/lib/jstack/images");
    /** Environment variable that moves the store, for tests and for hosts with another data disk. */
    public static final String ROOT_VARIABLE = "JSTACK_IMAGE_ROOT";

    private final Path root;
    private final LayerFiles files;
    private final ImageIndex index;

    public ImageStore(Path root, LayerFiles files) {
        this.root = root.toAbsolutePath().normalize();
        this.files = files;
        this.index = new ImageIndex(this.root.resolve("index.json"));
    }

    /** The store's root: {@code JSTACK_IMAGE_ROOT} when set, else /var/lib/jstack/images. */
    public static Path root(Map<String, String> environment) {
        String custom = environment.get(ROOT_VARIABLE);
        return custom == null || custom.isBlank() ? DEFAULT_ROOT : Path.of(custom);
    }

    public Path root() {
        return root;
    }

    /**
     * Imports {@code source} as {@code ref}, replacing what that name held; data no longer named and not in
     * {@code inUse} (image ids of existing containers) is removed.
     */
    public ImageRecord importImage(ImageReference ref, Path source, Set<String> inUse) throws RuntimeFailure {
        return locked(() -> {
            Path staging = Files.createDirectories(root.resolve("tmp")).resolve(UUID.randomUUID().toString());
            Files.createDirectory(staging);
            try {
                ImageImporter importer = new ImageImporter(files, staging, d -> Files.isDirectory(layerDir(d)));
                ImageImporter.Staged staged = importer.stage(source);
                ImageRecord record = commit(ref, staged);
                collectGarbage(inUse);
                return record;
            } finally {
                Trees.delete(staging);
            }
        });
    }

    private ImageRecord commit(ImageReference ref, ImageImporter.Staged s) throws IOException, ImageFailure {
        writeBlob(s.id(), s.config());
        if (s.manifest() != null) {
            writeBlob(s.manifestDigest(), s.manifest());
        }
        List<String> layers = new ArrayList<>();
        for (ImageImporter.StagedLayer layer : s.layers()) {
            Path dir = layerDir(layer.diffId());
            if (layer.dir() != null && !Files.isDirectory(dir)) {
                Files.createDirectories(dir.getParent());
                Files.move(layer.dir(), dir, StandardCopyOption.ATOMIC_MOVE);
            }
            layers.add(layer.diffId().toString());
        }
        ImageRecord record = new ImageRecord(ref.name(), ref.tag(), s.id().toString(),
                s.manifestDigest() == null ? null : s.manifestDigest().toString(), layers, s.parsed().created(),
                s.size());
        List<ImageRecord> records = new ArrayList<>(index.read());
        records.removeIf(r -> r.reference().equals(ref));
        records.add(record);
        index.write(records);
        return record;
    }

    private void writeBlob(Digest digest, byte[] bytes) throws IOException {
        Path blob = blobFile(digest);
        if (Files.exists(blob)) {
            return;
        }
        Files.createDirectories(blob.getParent());
        Path temp = blob.resolveSibling(digest.hex() + ".tmp");
        Files.write(temp, bytes);
        Files.move(temp, blob, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Every name:tag, sorted. */
    public List<ImageRecord> list() throws ImageFailure {
        return index.read();
    }

    public Optional<ImageRecord> find(ImageReference ref) throws ImageFailure {
        return index.find(ref);
    }

    /** The configuration of a stored image. */
    public ImageConfig config(ImageRecord record) throws ImageFailure {
        Path blob = blobFile(Digest.parse(record.id()));
        try {
            return ImageConfig.parse(Files.readAllBytes(blob), "the configuration of " + record.reference());
        } catch (IOException e) {
            throw new ImageFailure("cannot read " + blob + ": " + e.getMessage()
                    + "\n  fix: import " + record.reference() + " again", e);
        }
    }

    /** The layer directories of an image, top first, as overlayfs takes its lower dirs. */
    public List<Path> layerDirs(ImageRecord record) throws ImageFailure {
        List<Path> dirs = new ArrayList<>();
        for (String layer : record.layers()) {
            Path dir = layerDir(Digest.parse(layer));
            if (!Files.isDirectory(dir)) {
                throw new ImageFailure("layer " + layer + " of " + record.reference() + " is missing from the store"
                        + "\n  fix: import " + record.reference() + " again");
            }
            dirs.add(0, dir);
        }
        return List.copyOf(dirs);
    }

    /** The layer directories of the image with id {@code id}, top first, from its stored configuration. */
    public List<Path> layerDirs(Digest id) throws ImageFailure {
        Path blob = blobFile(id);
        if (!Files.exists(blob)) {
            throw new ImageFailure("image " + id + " is not in the image store " + root
                    + "\n  fix: import the image again (jstack image import NAME FILE)");
        }
        ImageRecord record;
        try {
            ImageConfig config = ImageConfig.parse(Files.readAllBytes(blob), "image " + id);
            record = new ImageRecord(id.shortId(), ImageReference.DEFAULT_TAG, id.toString(), null,
                    config.diffIds().stream().map(Digest::toString).toList(), config.created(), 0);
        } catch (IOException e) {
            throw new ImageFailure("cannot read " + blob + ": " + describe(e), e);
        }
        return layerDirs(record);
    }

    /**
     * Removes the name {@code ref}, and its data unless another name shares it; refused while a container uses the
     * image ({@code users}: image id to the containers that use it).
     */
    public ImageRecord remove(ImageReference ref, Map<String, List<String>> users) throws RuntimeFailure {
        return locked(() -> {
            ImageRecord record = index.find(ref).orElseThrow(() -> new ImageFailure("no image " + ref
                    + " in the store " + root + "\n  fix: `jstack image ls` lists the images there"));
            List<String> containers = users.getOrDefault(record.id(), List.of());
            if (!containers.isEmpty()) {
                throw new ImageFailure("image " + ref + " is in use by " + String.join(", ", containers)
                        + "\n  fix: stop and remove those containers first (jstack down)");
            }
            List<ImageRecord> records = new ArrayList<>(index.read());
            records.remove(record);
            index.write(records);
            collectGarbage(users.keySet());
            return record;
        });
    }

    /** Deletes blobs and layers that no name refers to and that no container in {@code inUse} still needs. */
    private void collectGarbage(Set<String> inUse) throws IOException, ImageFailure {
        Set<String> blobs = new HashSet<>();
        Set<String> layers = new HashSet<>();
        for (ImageRecord r : index.read()) {
            blobs.add(Digest.parse(r.id()).hex());
            if (r.manifest() != null) {
                blobs.add(Digest.parse(r.manifest()).hex());
            }
            r.layers().forEach(l -> layers.add(l.substring("sha256:".length())));
        }
        for (String id : inUse) {
            Path blob = blobFile(Digest.parse(id));
            if (Files.exists(blob)) {
                blobs.add(Digest.parse(id).hex());
                ImageConfig config = ImageConfig.parse(Files.readAllBytes(blob), id);
                config.diffIds().forEach(d -> layers.add(d.hex()));
            }
        }
        deleteUnlisted(root.resolve("blobs/sha256"), blobs);
        deleteUnlisted(root.resolve("layers"), layers);
    }

    private static void deleteUnlisted(Path dir, Set<String> keep) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var children = Files.list(dir)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                if (!keep.contains(child.getFileName().toString())) {
                    Trees.delete(child);
                }
            }
        }
    }

    Path layerDir(Digest diffId) {
        return root.resolve("layers").resolve(diffId.hex());
    }

    Path blobFile(Digest digest) {
        return root.resolve("blobs/sha256").resolve(digest.hex());
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.FileSystemException f) {
            return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : e.getClass().getSimpleName());
        }
        return e.getMessage();
    }

    private interface Locked<T> {
        T run() throws RuntimeFailure, IOException;
    }

    /** Runs {@code action} holding the store's lock; first clears staging dirs an interrupted import left. */
    private <T> T locked(Locked<T> action) throws RuntimeFailure {
        try {
            Files.createDirectories(root);
            try (FileChannel channel = FileChannel.open(root.resolve("lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                Trees.delete(root.resolve("tmp"));
                return action.run();
            }
        } catch (IOException e) {
            throw new ImageFailure("image store " + root + ": " + describe(e), e);
        }
    }
}
