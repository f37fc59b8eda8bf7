package dev.jstack.runtime.image;

import java.util.List;

/**
 * One image as an archive describes it: its configuration (bytes already checked against their digest), the
 * manifest it came from ({@code null} for docker save, which has none of its own), and its layer blobs, bottom
 * first, each with the digest the blob must have ({@code null} where the format names none: then only the diff id
 * from the configuration checks it).
 */
record ImageManifest(byte[] config, Digest configDigest, byte[] manifest, Digest manifestDigest,
                     List<Layer> layers) {

    /** A layer blob by its name in the archive. */
    record Layer(String path, Digest digest) {
    }
}
