package dev.jstack.runtime.image;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * Read access by name to the files of an image archive, whether a directory (an OCI layout) or an uncompressed tar
 * (docker save, oci-archive). Names are relative and never leave the archive: a symlink inside a tar (docker save
 * links repeated layers) is followed only to another entry of the same tar.
 */
abstract class ImageArchive implements Closeable {
    static final long MAX_JSON = 16L << 20;

    /** Whether {@code name} is a regular file of the archive. */
    abstract boolean has(String name) throws IOException;

    /** Opens the file {@code name}; the caller closes the stream. */
    abstract InputStream open(String name) throws IOException, ImageFailure;

    /** A whole small file (an index, manifest or configuration), refused above 16 MiB. */
    byte[] read(String name) throws IOException, ImageFailure {
        try (InputStream in = open(name)) {
            byte[] bytes = in.readNBytes((int) MAX_JSON + 1);
            if (bytes.length > MAX_JSON) {
                throw new ImageFailure("`" + name + "` is larger than 16 MiB: not an image manifest or configuration");
            }
            return bytes;
        }
    }

    static ImageArchive directory(Path dir) {
        return new DirectoryArchive(dir);
    }

    static ImageArchive tar(Path file) throws IOException {
        return new TarArchive(file);
    }

    private static final class DirectoryArchive extends ImageArchive {
        private final Path root;

        DirectoryArchive(Path root) {
            this.root = root;
        }

        @Override
        boolean has(String name) throws IOException {
            return inside(name) && Files.isRegularFile(root.resolve(name));
        }

        @Override
        InputStream open(String name) throws IOException, ImageFailure {
            if (!has(name)) {
                throw new ImageFailure("`" + name + "` is missing from " + root);
            }
            return Files.newInputStream(root.resolve(name));
        }

        private boolean inside(String name) throws IOException {
            Path file = root.resolve(name).normalize();
            return file.startsWith(root) && (!Files.exists(file) || file.toRealPath().startsWith(root.toRealPath()));
        }

        @Override
        public void close() {
        }
    }

    private static final class TarArchive extends ImageArchive {
        private static final int MAX_LINKS = 8;
        private final TarFile tar;
        private final Map<String, TarArchiveEntry> entries = new HashMap<>();

        TarArchive(Path file) throws IOException {
            this.tar = new TarFile(file);
            for (TarArchiveEntry e : tar.getEntries()) {
                entries.put(clean(e.getName()), e);
            }
        }

        @Override
        boolean has(String name) {
            TarArchiveEntry e = resolve(name);
            return e != null && e.isFile();
        }

        @Override
        InputStream open(String name) throws IOException, ImageFailure {
            TarArchiveEntry e = resolve(name);
            if (e == null || !e.isFile()) {
                throw new ImageFailure("`" + name + "` is missing from the archive");
            }
            return tar.getInputStream(e);
        }

        private TarArchiveEntry resolve(String name) {
            String path = clean(name);
            for (int i = 0; i < MAX_LINKS; i++) {
                TarArchiveEntry e = entries.get(path);
                if (e == null || !e.isSymbolicLink()) {
                    return e;
                }
                String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/') + 1) : "";
                path = clean(e.getLinkName().startsWith("/") ? e.getLinkName() : dir + e.getLinkName());
            }
            return null;
        }

        /** A name without "./" and with ".." resolved; a name climbing above the archive's root matches nothing. */
        private static String clean(String name) {
            java.util.Deque<String> parts = new java.util.ArrayDeque<>();
            for (String part : name.split("/")) {
                if (part.equals("..")) {
                    if (parts.pollLast() == null) {
                        return "\0outside";
                    }
                } else if (!part.isEmpty() && !part.equals(".")) {
                    parts.addLast(part);
                }
            }
            return String.join("/", parts);
        }

        @Override
        public void close() throws IOException {
            tar.close();
        }
    }
}
