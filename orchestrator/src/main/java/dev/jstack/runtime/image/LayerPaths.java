package dev.jstack.runtime.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Owns the rule that an archive entry lands inside its root: names are relative, free of {@code ..}, and every
 * parent on the way is a real directory inside the root, never a symlink, so nothing is written through a link
 * that an earlier entry planted.
 */
final class LayerPaths {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private LayerPaths() {
    }

    /** The entry's name as a relative path ("" for the root), or a failure for absolute and {@code ..} names. */
    static String normalize(String name) throws ImageFailure {
        if (name.startsWith("/")) {
            throw new ImageFailure("entry `" + name + "` has an absolute path: refusing to write outside the root");
        }
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                throw new ImageFailure("entry `" + name + "` contains `..`: refusing to write outside the root");
            }
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return String.join("/", parts);
    }

    /**
     * The parent directory of {@code relative} under {@code root}, made where missing (mode 0755); fails when a
     * parent on the way exists as anything but a directory, a symlink included.
     */
    static Path parentDirectory(Path root, String relative, String entry) throws ImageFailure, IOException {
        Path dir = root;
        String[] parts = relative.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            dir = dir.resolve(parts[i]);
            if (Files.isSymbolicLink(dir)) {
                throw new ImageFailure("entry `" + entry + "` would be written through the symlink `"
                        + root.relativize(dir) + "`: refusing to follow links while extracting");
            }
            if (!Files.exists(dir, NOFOLLOW)) {
                Files.createDirectory(dir);
            } else if (!Files.isDirectory(dir, NOFOLLOW)) {
                throw new ImageFailure("entry `" + entry + "` needs `" + root.relativize(dir)
                        + "` to be a directory, but an earlier entry made it a file");
            }
        }
        return dir;
    }

    /** An existing path under {@code root} reached without following any symlink on the way, for hard links. */
    static Path existingTarget(Path root, String linkName, String entry) throws ImageFailure, IOException {
        String relative = normalize(linkName);
        Path target = root.resolve(relative);
        boolean inside = !relative.isEmpty() && realParents(root, relative)
                && Files.exists(target, NOFOLLOW) && !Files.isDirectory(target, NOFOLLOW);
        if (!inside) {
            throw new ImageFailure("hard link `" + entry + "` points to `" + linkName
                    + "`, which is not a file earlier in this layer: refusing links outside the layer");
        }
        return target;
    }

    private static boolean realParents(Path root, String relative) {
        Path dir = root;
        String[] parts = relative.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            dir = dir.resolve(parts[i]);
            if (!Files.isDirectory(dir, NOFOLLOW)) {
                return false;
            }
        }
        return true;
    }
}
