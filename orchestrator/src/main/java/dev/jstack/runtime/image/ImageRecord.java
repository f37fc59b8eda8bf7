package dev.jstack.runtime.image;

import java.util.List;

/**
 * One name:tag of the store's index: the image id (the digest of its configuration), its manifest's digest
 * ({@code null} for images from docker save or a rootfs tarball), its layers' diff ids bottom first, when it was
 * created (as its configuration says; may be null) and its size (uncompressed layers, in bytes).
 */
public record ImageRecord(String name, String tag, String id, String manifest, List<String> layers, String created,
                          long size) {

    public ImageRecord {
        layers = List.copyOf(layers);
    }

    public ImageReference reference() {
        return new ImageReference(name, tag);
    }
}
