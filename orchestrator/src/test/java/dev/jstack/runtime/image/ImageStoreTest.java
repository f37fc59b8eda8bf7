package dev.jstack.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageStoreTest {
    @TempDir
    Path tmp;

    private final byte[] base = new TarBuilder().dir("bin", 0755).file("bin/sh", "shell").build();
    private final byte[] app = new TarBuilder().dir("srv", 0755).file("srv/app", "v1").build();
    private final byte[] other = new TarBuilder().dir("srv", 0755).file("srv/other", "v2").build();

    private ImageStore store() {
        return new ImageStore(tmp.resolve("store"), new RecordingLayerFiles());
    }

    private Path layout(String name, byte[] top) throws IOException {
        byte[] config = ArchiveFixtures.config(List.of(base, top), List.of("/bin/sh"));
        return ArchiveFixtures.ociLayout(tmp.resolve(name), config,
                List.of(TarBuilder.gzip(base), TarBuilder.gzip(top)));
    }

    private List<String> entries(String dir) throws IOException {
        Path path = tmp.resolve("store").resolve(dir);
        if (!Files.isDirectory(path)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(path)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aLayerTwoImagesShareIsStoredOnce() throws Exception {
        ImageStore store = store();
        ImageRecord one = store.importImage(ImageReference.parse("one"), layout("one", app), Set.of());
        ImageRecord two = store.importImage(ImageReference.parse("two:v2"), layout("two", other), Set.of());
        assertEquals(Digest.of(base).toString(), one.layers().get(0));
        assertEquals(one.layers().get(0), two.layers().get(0));
        assertEquals(3, entries("layers").size());
        assertEquals(List.of(), entries("tmp"));
        assertEquals(List.of("one:latest", "two:v2"),
                store.list().stream().map(r -> r.reference().toString()).toList());
        assertEquals(base.length + app.length, one.size());
        assertEquals("2024-01-02T03:04:05Z", one.created());
    }

    @Test
    void layersAreListedTopFirstAndHoldTheirFiles() throws Exception {
        ImageStore store = store();
        ImageRecord r = store.importImage(ImageReference.parse("one"), layout("one", app), Set.of());
        List<Path> dirs = store.layerDirs(r);
        assertEquals("v1", Files.readString(dirs.get(0).resolve("srv/app")));
        assertEquals("shell", Files.readString(dirs.get(1).resolve("bin/sh")));
        ImageConfig config = store.config(r);
        assertEquals(List.of("/bin/sh"), config.cmd());
        assertEquals("/srv", config.workingDir());
        assertEquals(null, config.entrypoint());
    }

    @Test
    void aWrongLayerDigestLeavesNothingBehind() throws Exception {
        Path dir = layout("bad", app);
        Path blob = dir.resolve("blobs/sha256").resolve(Digest.of(TarBuilder.gzip(app)).hex());
        Files.write(blob, TarBuilder.gzip(other));
        ImageFailure e = assertThrows(ImageFailure.class,
                () -> store().importImage(ImageReference.parse("bad"), dir, Set.of()));
        assertTrue(e.getMessage().startsWith("digest mismatch: layer `blobs/sha256/"), e.getMessage());
        assertEquals(List.of(), entries("layers"));
        assertEquals(List.of(), entries("blobs/sha256"));
        assertEquals(List.of(), entries("tmp"));
        assertEquals(List.of(), store().list());
    }

    @Test
    void aWrongDiffIdIsRefused() throws Exception {
        byte[] config = ArchiveFixtures.config(List.of(base, other), List.of("/bin/sh"));
        Path dir = ArchiveFixtures.ociLayout(tmp.resolve("x"), config, List.of(base, app));
        ImageFailure e = assertThrows(ImageFailure.class,
                () -> store().importImage(ImageReference.parse("x"), dir, Set.of()));
        assertTrue(e.getMessage().contains("unpacks to " + Digest.of(app) + ", the configuration says "
                + Digest.of(other)), e.getMessage());
        assertEquals(List.of(), entries("layers"));
    }

    @Test
    void aCorruptManifestBlobIsRefused() throws Exception {
        Path dir = layout("m", app);
        try (Stream<Path> blobs = Files.list(dir.resolve("blobs/sha256"))) {
            for (Path p : blobs.toList()) {
                String text = Files.readString(p, StandardCharsets.ISO_8859_1);
                if (text.contains("\"layers\"")) {
                    Files.writeString(p, text.replace("schemaVersion", "schemaVersioN"));
                }
            }
        }
        ImageFailure e = assertThrows(ImageFailure.class,
                () -> store().importImage(ImageReference.parse("m"), dir, Set.of()));
        assertTrue(e.getMessage().startsWith("digest mismatch: blob sha256:"), e.getMessage());
    }

    @Test
    void importsDockerSaveArchives() throws Exception {
        byte[] config = ArchiveFixtures.config(List.of(base, app), List.of("/bin/sh", "-c", "true"));
        Path archive = Files.write(tmp.resolve("app.tar"), ArchiveFixtures.dockerSave(config, List.of(base, app)));
        ImageRecord r = store().importImage(ImageReference.parse("app:1"), archive, Set.of());
        assertEquals(Digest.of(config).toString(), r.id());
        assertEquals(null, r.manifest());
        assertEquals(List.of(Digest.of(base).toString(), Digest.of(app).toString()), r.layers());
    }

    @Test
    void aTruncatedArchiveIsRefusedCleanly() throws Exception {
        byte[] config = ArchiveFixtures.config(List.of(base, app), List.of("/bin/sh"));
        byte[] whole = ArchiveFixtures.dockerSave(config, List.of(base, app));
        Path archive = Files.write(tmp.resolve("cut.tar"), Arrays.copyOf(whole, 1536));
        assertThrows(ImageFailure.class, () -> store().importImage(ImageReference.parse("cut"), archive, Set.of()));
        assertEquals(List.of(), entries("layers"));
        assertEquals(List.of(), store().list());
    }

    @Test
    void aRootfsTarballIsOneLayerWithNoProcessDefaults() throws Exception {
        Path tarball = Files.write(tmp.resolve("rootfs.tar.gz"), TarBuilder.gzip(base));
        ImageStore store = store();
        ImageRecord r = store.importImage(ImageReference.parse("plain"), tarball, Set.of());
        assertEquals(List.of(Digest.of(base).toString()), r.layers());
        ImageConfig config = store.config(r);
        assertEquals(null, config.cmd());
        assertEquals(null, config.entrypoint());
        assertEquals(List.of(Digest.of(base)), config.diffIds());
    }

    @Test
    void removeIsRefusedWhileInUseAndKeepsSharedLayers() throws Exception {
        ImageStore store = store();
        ImageRecord one = store.importImage(ImageReference.parse("one"), layout("one", app), Set.of());
        store.importImage(ImageReference.parse("two"), layout("two", other), Set.of());
        ImageFailure e = assertThrows(ImageFailure.class, () -> store.remove(ImageReference.parse("one"),
                Map.of(one.id(), List.of("p-web-1"))));
        assertEquals("image one:latest is in use by p-web-1\n  fix: stop and remove those containers first"
                + " (jstack down)", e.getMessage());
        store.remove(ImageReference.parse("one"), Map.of());
        assertEquals(2, entries("layers").size());
        assertFalse(entries("layers").contains(Digest.of(app).hex()));
        assertTrue(entries("layers").contains(Digest.of(base).hex()));
        assertFalse(entries("blobs/sha256").contains(Digest.parse(one.id()).hex()));
    }

    @Test
    void indexIsSortedJson() throws Exception {
        ImageStore store = store();
        store.importImage(ImageReference.parse("zeta"), layout("z", app), Set.of());
        store.importImage(ImageReference.parse("alpha"), layout("a", app), Set.of());
        String index = Files.readString(tmp.resolve("store/index.json"));
        assertTrue(index.indexOf("\"alpha\"") < index.indexOf("\"zeta\""), index);
        assertEquals(List.of("alpha", "zeta"), store.list().stream().map(ImageRecord::name).toList());
    }
}
