package dev.jstack.runtime.image;

import dev.jstack.runtime.RuntimeFailure;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Owns the extraction of one layer blob into a directory of its own, in the format overlayfs reads as a lower
 * layer: a whiteout {@code .wh.NAME} becomes a 0/0 character device NAME, {@code .wh..wh..opq} marks its directory
 * opaque, as containerd's overlay snapshotter does. It hashes the blob as stored (gzip or not) and the
 * uncompressed tar stream (the diff id) while extracting; the caller compares them with the manifest.
 */
final class LayerExtractor {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    private static final String WHITEOUT = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";

    private final LayerFiles files;

    /** What one pass over a layer blob measured. {@code size} counts the uncompressed bytes. */
    record Result(Digest blobDigest, Digest diffId, long size) {
    }

    LayerExtractor(LayerFiles files) {
        this.files = files;
    }

    /** Hashes the blob and, when {@code root} is not null, extracts it into that empty directory. */
    Result read(InputStream blob, Path root) throws RuntimeFailure, IOException {
        HashingInputStream stored = new HashingInputStream(blob);
        BufferedInputStream buffered = new BufferedInputStream(stored, 65536);
        HashingInputStream tar = new HashingInputStream(decompressed(buffered));
        TarArchiveInputStream entries = new TarArchiveInputStream(tar);
        List<TimedDirectory> directories = new ArrayList<>();
        TarArchiveEntry entry;
        while ((entry = entries.getNextEntry()) != null) {
            if (root != null) {
                write(root, entry, entries, directories);
            }
        }
        tar.drain();
        stored.drain();
        // Directories get their times last: creating their children changed them.
        for (int i = directories.size() - 1; i >= 0; i--) {
            files.modified(directories.get(i).path(), directories.get(i).epochSecond());
        }
        return new Result(stored.digest(), tar.digest(), tar.count());
    }

    private record TimedDirectory(Path path, long epochSecond) {
    }

    private static InputStream decompressed(BufferedInputStream in) throws IOException, ImageFailure {
        in.mark(4);
        byte[] magic = in.readNBytes(4);
        in.reset();
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            return GzipCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get();
        }
        if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5
                && (magic[2] & 0xff) == 0x2f && (magic[3] & 0xff) == 0xfd) {
            throw new ImageFailure("the layer is zstd-compressed, which jstack does not read:"
                    + " write the archive with gzip or uncompressed layers");
        }
        return in;
    }

    private void write(Path root, TarArchiveEntry e, InputStream content, List<TimedDirectory> directories)
            throws RuntimeFailure, IOException {
        String relative = LayerPaths.normalize(e.getName());
        if (relative.isEmpty()) {
            metadata(root, e, directories);
            return;
        }
        Path parent = LayerPaths.parentDirectory(root, relative, e.getName());
        String base = relative.substring(relative.lastIndexOf('/') + 1);
        if (base.equals(OPAQUE)) {
            files.markOpaque(parent);
        } else if (base.startsWith(WHITEOUT + WHITEOUT)) {
            return; // aufs bookkeeping (.wh..wh.plnk and the like): no meaning for overlay
        } else if (base.startsWith(WHITEOUT)) {
            Path hidden = parent.resolve(base.substring(WHITEOUT.length()));
            removeExisting(hidden);
            files.whiteout(hidden);
        } else {
            Path target = parent.resolve(base);
            if (create(root, target, e, content)) {
                metadata(target, e, directories);
            }
        }
    }

    /** Makes the entry's file; false for a hard link, which shares its target's inode and metadata. */
    private boolean create(Path root, Path target, TarArchiveEntry e, InputStream content)
            throws RuntimeFailure, IOException {
        if (e.isDirectory()) {
            if (!Files.isDirectory(target, NOFOLLOW)) {
                removeExisting(target);
                Files.createDirectory(target);
            }
            return true;
        }
        removeExisting(target);
        if (e.isSymbolicLink()) {
            Files.createSymbolicLink(target, Path.of(e.getLinkName()));
        } else if (e.isLink()) {
            Files.createLink(target, LayerPaths.existingTarget(root, e.getLinkName(), e.getName()));
            return false;
        } else if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
            char type = e.isCharacterDevice() ? 'c' : e.isBlockDevice() ? 'b' : 'p';
            files.device(target, type, e.getMode(), e.getDevMajor(), e.getDevMinor());
        } else if (e.isFile()) {
            Files.copy(content, target);
        } else {
            throw new ImageFailure("entry `" + e.getName() + "` has a tar type jstack cannot extract ('"
                    + (char) e.getLinkFlag() + "')");
        }
        return true;
    }

    // Owner before mode: chown clears the setuid and setgid bits.
    private void metadata(Path target, TarArchiveEntry e, List<TimedDirectory> directories) throws RuntimeFailure {
        files.owner(target, (int) e.getLongUserId(), (int) e.getLongGroupId());
        long seconds = e.getLastModifiedTime() == null ? 0 : e.getLastModifiedTime().toInstant().getEpochSecond();
        if (e.isSymbolicLink()) {
            files.modified(target, seconds);
            return;
        }
        files.mode(target, e.getMode() & 07777);
        if (e.isDirectory() || Files.isDirectory(target, NOFOLLOW)) {
            directories.add(new TimedDirectory(target, seconds));
        } else {
            files.modified(target, seconds);
        }
    }

    private static void removeExisting(Path path) throws IOException {
        if (Files.isDirectory(path, NOFOLLOW)) {
            Trees.delete(path);
        } else {
            Files.deleteIfExists(path);
        }
    }
}
