package dev.jstack.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jstack.runtime.RuntimeFailure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerExtractorTest {
    @TempDir
    Path tmp;
    // One level below the temp dir, so that what a `..` entry would write lands in a directory of the test's own.
    private Path root;

    private final RecordingLayerFiles files = new RecordingLayerFiles();

    @BeforeEach
    void makeRoot() throws IOException {
        root = Files.createDirectories(tmp.resolve("root"));
    }

    private LayerExtractor.Result extract(byte[] blob) throws RuntimeFailure, IOException {
        return new LayerExtractor(files).read(new ByteArrayInputStream(blob), root);
    }

    private Map<String, String> special() {
        Map<String, String> out = new TreeMap<>();
        files.special.forEach((k, v) -> out.put(root.relativize(Path.of(k)).toString(), v));
        return out;
    }

    @Test
    void whiteoutsBecomeOverlayDevicesAndOpaqueMarks() throws Exception {
        byte[] layer = new TarBuilder().dir("etc", 0755).file("etc/.wh.motd", "")
                .dir("var/cache", 0755).file("var/cache/.wh..wh..opq", "").file("var/cache/new", "n")
                .file(".wh..wh.plnk", "").build();
        extract(layer);
        assertEquals(Map.of("etc/motd", "whiteout", "var/cache", "opaque"), special());
        assertFalse(Files.exists(root.resolve("etc/.wh.motd")));
        assertFalse(Files.exists(root.resolve(".wh..wh.plnk")), "aufs bookkeeping is dropped");
        assertEquals("n", Files.readString(root.resolve("var/cache/new")));
    }

    @Test
    void keepsFilesSymlinksHardLinksOwnersAndModes() throws Exception {
        byte[] layer = new TarBuilder().dir("./bin", 0755)
                .file("./bin/busybox", "elf".getBytes(), 04755, 0, 0)
                .hardlink("./bin/sh", "./bin/busybox").symlink("./bin/ls", "busybox")
                .file("home/u/.profile", "x".getBytes(), 0600, 1000, 100).build();
        extract(layer);
        assertTrue(Files.isSameFile(root.resolve("bin/sh"), root.resolve("bin/busybox")));
        assertEquals(Path.of("busybox"), Files.readSymbolicLink(root.resolve("bin/ls")));
        assertEquals(04755, files.modes.get(root.resolve("bin/busybox").toString()));
        assertEquals("1000:100", files.owners.get(root.resolve("home/u/.profile").toString()));
        assertFalse(files.modes.containsKey(root.resolve("bin/ls").toString()), "no chmod through a symlink");
    }

    @Test
    void aLaterEntryReplacesAnEarlierOne() throws Exception {
        extract(new TarBuilder().file("a", "1").symlink("b", "/etc").file("a", "2").file("b", "file now").build());
        assertEquals("2", Files.readString(root.resolve("a")));
        assertFalse(Files.isSymbolicLink(root.resolve("b")));
    }

    @Test
    void refusesParentDirectoryComponents() {
        ImageFailure e = assertThrows(ImageFailure.class, () -> extract(new TarBuilder().file("../x", "").build()));
        assertEquals("entry `../x` contains `..`: refusing to write outside the root", e.getMessage());
        assertThrows(ImageFailure.class, () -> extract(new TarBuilder().file("a/../../x", "").build()));
        assertFalse(Files.exists(root.getParent().resolve("x")));
    }

    @Test
    void refusesAbsolutePaths() {
        ImageFailure e = assertThrows(ImageFailure.class, () -> extract(new TarBuilder().file("/etc/x", "").build()));
        assertEquals("entry `/etc/x` has an absolute path: refusing to write outside the root", e.getMessage());
    }

    @Test
    void refusesToWriteThroughASymlink(@TempDir Path outside) {
        byte[] layer = new TarBuilder().symlink("a", outside.toString()).file("a/x", "escaped").build();
        ImageFailure e = assertThrows(ImageFailure.class, () -> extract(layer));
        assertEquals("entry `a/x` would be written through the symlink `a`: refusing to follow links while"
                + " extracting", e.getMessage());
        assertFalse(Files.exists(outside.resolve("x")));
        byte[] relative = new TarBuilder().dir("d", 0755).symlink("d/up", "../..").file("d/up/y", "").build();
        assertThrows(ImageFailure.class, () -> extract(relative));
    }

    @Test
    void refusesHardLinksOutsideTheLayer() {
        for (String target : new String[] {"/etc/passwd", "../../etc/passwd", "missing", "l/passwd"}) {
            byte[] layer = new TarBuilder().symlink("l", "/etc").hardlink("h", target).build();
            assertThrows(ImageFailure.class, () -> extract(layer), target);
            assertFalse(Files.exists(root.resolve("h"), LinkOption.NOFOLLOW_LINKS), target);
        }
    }

    @Test
    void refusesAFileUsedAsADirectory() {
        ImageFailure e = assertThrows(ImageFailure.class,
                () -> extract(new TarBuilder().file("a", "").file("a/b", "").build()));
        assertEquals("entry `a/b` needs `a` to be a directory, but an earlier entry made it a file", e.getMessage());
    }

    @Test
    void gzipChangesTheBlobDigestButNotTheDiffId() throws Exception {
        byte[] tar = new TarBuilder().file("f", "content").build();
        LayerExtractor.Result plain = new LayerExtractor(files).read(new ByteArrayInputStream(tar), null);
        LayerExtractor.Result gz = new LayerExtractor(files).read(new ByteArrayInputStream(TarBuilder.gzip(tar)), null);
        assertEquals(Digest.of(tar), plain.diffId());
        assertEquals(plain.blobDigest(), plain.diffId());
        assertEquals(plain.diffId(), gz.diffId());
        assertNotEquals(gz.blobDigest(), gz.diffId());
        assertEquals(tar.length, gz.size());
    }

    @Test
    void aTruncatedGzipIsAnError() {
        byte[] gz = TarBuilder.gzip(new TarBuilder().file("f", "x".repeat(100_000)).build());
        byte[] cut = Arrays.copyOf(gz, gz.length / 2);
        assertThrows(IOException.class, () -> extract(cut));
    }
}
